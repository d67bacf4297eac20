package org.threatledger.taxii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hash-chained disclosure log: what verify detects and what report lists. */
class DisclosureLogTest {
    @TempDir
    Path home;
    Path file;

    @BeforeEach
    void write() {
        file = home.resolve("disclosures.log");
        DisclosureLog log = new DisclosureLog(file);
        for (int i = 0; i < 5; i++) {
            log.append(List.of(disclosure("acme", "indicator--0000000" + i + "-0000-4000-8000-000000000000"),
                    disclosure("beta", "malware--0000000" + i + "-0000-4000-8000-000000000000")),
                    Instant.parse("2026-03-01T00:00:00Z").plusSeconds(i));
        }
    }

    @Test
    void untouchedLog_verifies_andReportListsWhatAPartnerReceived() {
        DisclosureLog log = new DisclosureLog(file);

        assertThat(log.verify().ok()).isTrue();
        assertThat(log.verify().entries()).isEqualTo(10);
        assertThat(log.report("acme")).hasSize(5).allMatch(d -> d.objectId().startsWith("indicator--"));
        assertThat(log.report("nobody")).isEmpty();
    }

    @Test
    void editedLine_isDetectedAtThatLine() throws IOException {
        List<String> lines = lines();
        lines.set(3, lines.get(3).replace("beta", "gama"));
        Files.write(file, lines);

        DisclosureLog.Verification v = new DisclosureLog(file).verify();

        assertThat(v.ok()).isFalse();
        assertThat(v.badLine()).isEqualTo(4);
        assertThat(v.problem()).contains("edited");
    }

    @Test
    void deletedLine_isDetected() throws IOException {
        List<String> lines = lines();
        lines.remove(6);
        Files.write(file, lines);

        DisclosureLog.Verification v = new DisclosureLog(file).verify();

        assertThat(v.ok()).isFalse();
        assertThat(v.badLine()).isEqualTo(7);
    }

    @Test
    void swappedLines_areDetected() throws IOException {
        List<String> lines = lines();
        Collections.swap(lines, 2, 5);
        Files.write(file, lines);

        assertThat(new DisclosureLog(file).verify().ok()).isFalse();
    }

    @Test
    void truncatedTail_isDetectedThroughTheHeadFile() throws IOException {
        List<String> lines = lines();
        Files.write(file, lines.subList(0, 8));

        DisclosureLog.Verification v = new DisclosureLog(file).verify();

        assertThat(v.ok()).isFalse();
        assertThat(v.problem()).contains("cut from the end");
    }

    @Test
    void brokenLog_refusesFurtherAppends() throws IOException {
        List<String> lines = lines();
        lines.remove(0);
        Files.write(file, lines);
        DisclosureLog log = new DisclosureLog(file);

        assertThatThrownBy(() -> log.append(List.of(disclosure("acme", "x")), Instant.now()))
                .hasMessageContaining("fails verification");
    }

    @Test
    void concurrentAppends_chainStaysIntact_andEachAppendStaysTogether() throws Exception {
        DisclosureLog log = new DisclosureLog(file);
        int threads = 40;
        int perAppend = 25;
        int appends = 10;
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String partner = "p" + t;
            started.add(Thread.ofVirtual().start(() -> {
                for (int a = 0; a < appends; a++) {
                    List<Disclosure> page = new ArrayList<>();
                    for (int i = 0; i < perAppend; i++) {
                        page.add(new Disclosure(0, null, partner, Disclosure.Direction.SENT, "indicator--" + a + "-" + i,
                                "2026-01-01T00:00:00.000Z", partner + "-req-" + a));
                    }
                    log.append(page, Instant.now());
                }
            }));
        }
        for (Thread t : started) {
            t.join();
        }

        DisclosureLog.Verification v = new DisclosureLog(file).verify();
        assertThat(v.ok()).as(v.problem()).isTrue();
        assertThat(v.entries()).isEqualTo(10 + (long) threads * appends * perAppend);
        List<String> lines = lines();
        for (int at = 10; at < lines.size(); at += perAppend) {
            String request = com.fasterxml.jackson.databind.json.JsonMapper.builder().build().readTree(lines.get(at))
                    .path("request").asText();
            assertThat(lines.subList(at, at + perAppend)).as("append at line " + (at + 1))
                    .allMatch(l -> l.contains("\"request\":\"" + request + "\""));
        }
        assertThat(log.report("p7")).hasSize(appends * perAppend);
    }

    @Test
    void entries_areWrittenAsJacksonWritesThem_escapesIncluded() throws IOException {
        Files.delete(file);
        Files.deleteIfExists(home.resolve("disclosures.log.head"));
        DisclosureLog log = new DisclosureLog(file);
        String partner = "ac\"me\\ \u00e9\u0001";
        log.append(List.of(new Disclosure(0, null, partner, Disclosure.Direction.RECEIVED, "indicator--1", "", null)),
                Instant.parse("2026-03-01T00:00:00Z"));

        String line = lines().getFirst();
        com.fasterxml.jackson.databind.node.ObjectNode expected = org.threatledger.stix.StixJson.object();
        expected.put("seq", 1).put("time", "2026-03-01T00:00:00.000Z").put("partner", partner).put("direction", "received")
                .put("object", "indicator--1").put("version", "").putNull("request").put("prev", "0".repeat(64));
        String written = org.threatledger.stix.StixJson.write(expected);
        assertThat(line).startsWith(written.substring(0, written.length() - 1) + ",\"hash\":\"");
        assertThat(log.verify().ok()).isTrue();
        assertThat(log.report(partner)).hasSize(1);
    }

    private List<String> lines() throws IOException {
        return new ArrayList<>(Files.readAllLines(file));
    }

    private static Disclosure disclosure(String partner, String id) {
        return new Disclosure(0, null, partner, Disclosure.Direction.SENT, id, "2026-01-01T00:00:00.000Z", "req-1");
    }
}
