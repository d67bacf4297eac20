package org.threatledger.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.threatledger.match.Observation;

/**
 * The byte-level dns path ({@link TsvDns}) gives exactly what the text path of {@link ZeekLogs}
 * gives on the decoded values: the same observations in the same order and the same skips, on
 * real logs and on random values built to hit every rule (case, labels, dashes, digits-only names,
 * trailing dots, lengths, addresses, escapes, non-ASCII).
 */
class TsvDnsTest {
    private static final String HEADER = "#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n"
            + "#unset_field\t-\n#path\tdns\n#fields\tts\tuid\tquery\tanswers\n#types\ttime\tstring\tstring\tvector[string]\n";

    @Test
    void realDnsLogs_bytesAndTextGiveTheSameObservationsAndSkips() throws IOException {
        int records = 0;
        for (String name : List.of("zed-sample-data/zeek-default/dns.log.gz", "rita/proxy/dns.log")) {
            records += compare(read(Collected.ZEEK.resolve(name)));
        }
        assertThat(records).isGreaterThan(50_000);
    }

    @Test
    void randomValues_bytesAndTextGiveTheSameObservationsAndSkips() {
        Random random = new Random(11);
        String[] pieces = {"a", "B", "z", "Q", "0", "7", "9", ".", ".", "-", "_", "x", "\\x41", "\\\\", "\u00e9", " ",
            "com", "EVIL", "1", "25", "255", "256", "01", ":", "::1", "2001:DB8::1", "-", "(empty)", "*", "a-b"};
        StringBuilder log = new StringBuilder(HEADER);
        for (int line = 0; line < 20_000; line++) {
            log.append("1700000000.000000\tC").append(line).append('\t').append(value(random, pieces)).append('\t');
            int answers = random.nextInt(5);
            if (answers == 0) {
                log.append(random.nextBoolean() ? "-" : "(empty)");
            }
            for (int a = 0; a < answers; a++) {
                log.append(a > 0 ? "," : "").append(value(random, pieces));
            }
            log.append('\n');
        }
        long before = bytesHandedOn;
        assertThat(compare(log.toString())).isEqualTo(20_000);
        assertThat(bytesHandedOn - before).as("values handed on as bytes").isGreaterThan(10_000);
    }

    @Test
    void aValueSinkReadingALog_getsValuesAsBytes_andTheirObservationsCarryLineAndUid(
            @org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path log = Files.writeString(dir.resolve("dns.log"), HEADER
                + "1700000000.000000\tCa1\tWWW.Example.com\t192.0.2.1,2001:db8::1\n"
                + "1700000001.500000\tCb2\tb\\x41d.example\t-\n");
        Collecting sink = new Collecting();
        List<FileStats> stats = new TelemetryReader(TelemetryOptions.defaults().withSensor("s1"))
                .recordsWanted(() -> false).read(List.of(log.toString()), sink);
        assertThat(stats.getFirst().observations()).isEqualTo(4);
        assertThat(sink.ascii).as("the query and both answers of line 1, not the escaped query of line 2").isEqualTo(3);
        assertThat(sink.observations).extracting(o -> o.value() + " " + o.line() + " " + o.uid() + " " + o.timeMicros()
                + " " + o.sensor()).containsExactly(
                "www.example.com 8 Ca1 1700000000000000 s1",
                "192.0.2.1 8 Ca1 1700000000000000 s1",
                "2001:db8::1 8 Ca1 1700000000000000 s1",
                "bad.example 9 Cb2 1700000001500000 s1");
    }

    private static String value(Random random, String[] pieces) {
        return switch (random.nextInt(6)) {
            case 0 -> random.nextInt(300) + "." + random.nextInt(300) + "." + random.nextInt(256) + "." + random.nextInt(256);
            case 1 -> "a".repeat(random.nextInt(3) == 0 ? 64 : 63) + ".example" + (random.nextBoolean() ? "." : "");
            case 2 -> ("abcdefghi.").repeat(25 + random.nextInt(2)) + "com";
            default -> {
                StringBuilder v = new StringBuilder();
                for (int i = 0, n = 1 + random.nextInt(8); i < n; i++) {
                    v.append(pieces[random.nextInt(pieces.length)]);
                }
                yield v.toString();
            }
        };
    }

    /** Parses a dns log's lines into records and compares both paths on each; returns the record count. */
    private static int compare(String log) {
        TsvHeader header = new TsvHeader("dns");
        int records = 0;
        for (String line : log.split("\n")) {
            byte[] buf = line.getBytes(StandardCharsets.UTF_8);
            if (line.startsWith("#")) {
                if (line.startsWith("#fields") && header.fields != null) {
                    header = header.next();
                }
                header.read(buf, 0, buf.length);
                continue;
            }
            if (line.isEmpty()) {
                continue;
            }
            TsvRecord record = split(header, buf);
            Collecting fast = new Collecting();
            List<Observation> asText = new ArrayList<>();
            List<Observation> text = new ArrayList<>();
            RecordSink fastSink = new RecordSink("f", "zeek", "s", fast, () -> false);
            RecordSink fastAsTextSink = new RecordSink("f", "zeek", "s", asText::add, () -> false);
            RecordSink textSink = new RecordSink("f", "zeek", "s", text::add, () -> false);
            fastSink.begin(records + 1, 1_700_000_000_000_000L, "C" + records, null, () -> null);
            ZeekLogs.observe(ZeekLog.DNS, record, fastSink, null);
            ZeekLogs.observe(ZeekLog.DNS, record, fastAsTextSink, null);
            ZeekLogs.observe(ZeekLog.DNS, new TextOnly(record), textSink, null);
            assertThat(summary(fast.observations)).as(line).isEqualTo(summary(text));
            assertThat(summary(asText)).as("a consumer of observations only gets them all as text: %s", line)
                    .isEqualTo(summary(text));
            int lineNo = records + 1;
            assertThat(fast.observations).as(line).allSatisfy(o -> {
                assertThat(o.line()).isEqualTo(lineNo);
                assertThat(o.uid()).isEqualTo("C" + (lineNo - 1));
                assertThat(o.timeMicros()).isEqualTo(1_700_000_000_000_000L);
            });
            assertThat(fastSink.stats().observations()).isEqualTo(text.size());
            Map<String, Long> skipped = fastSink.stats().skipped();
            assertThat(skipped).as(line).isEqualTo(textSink.stats().skipped());
            bytesHandedOn += fast.ascii;
            records++;
        }
        return records;
    }

    /** Values handed on as bytes ({@link ValueSink#acceptAscii}) over all records compared so far. */
    private static long bytesHandedOn;

    /** A {@link ValueSink} that keeps every value as its observation, checking that byte values are ASCII. */
    private static final class Collecting implements ValueSink {
        final List<Observation> observations = new ArrayList<>();
        int ascii;

        @Override
        public void accept(Observation o) {
            observations.add(o);
        }

        @Override
        public void acceptAscii(org.threatledger.match.ObservationType type, byte[] b, int from, int to,
                org.threatledger.match.Where where, RecordSink record) {
            for (int i = from; i < to; i++) {
                assertThat(b[i]).as("ASCII").isNotNegative();
            }
            ascii++;
            observations.add(record.observation(type, new String(b, from, to - from, StandardCharsets.US_ASCII), -1, where));
        }
    }

    private static TsvRecord split(TsvHeader header, byte[] buf) {
        int[] bounds = new int[2 * header.fields.length];
        int n = 0;
        bounds[0] = 0;
        for (int i = 0; i < buf.length; i++) {
            if (buf[i] == header.separator) {
                bounds[2 * n + 1] = i;
                bounds[2 * ++n] = i + 1;
            }
        }
        bounds[2 * n + 1] = buf.length;
        assertThat(n + 1).isEqualTo(header.fields.length);
        return new TsvRecord(header, buf, bounds, n + 1);
    }

    private static List<String> summary(List<Observation> observations) {
        return observations.stream().map(o -> o.type() + " " + o.value() + " " + o.where()).toList();
    }

    private static String read(Path file) throws IOException {
        try (var in = file.toString().endsWith(".gz") ? new GZIPInputStream(Files.newInputStream(file)) : Files.newInputStream(file);
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            StringBuilder sb = new StringBuilder();
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                sb.append(line).append('\n');
            }
            return sb.toString();
        }
    }

    /** The same record seen only through {@link ZeekRecord}'s text methods: the path other formats take. */
    private record TextOnly(TsvRecord r) implements ZeekRecord {
        @Override
        public String text(ZeekField f) {
            return r.text(f);
        }

        @Override
        public String lowerText(ZeekField f) {
            return r.lowerText(f);
        }

        @Override
        public List<String> texts(ZeekField f) {
            return r.texts(f);
        }

        @Override
        public String text(String dottedName) {
            return r.text(dottedName);
        }

        @Override
        public ZeekRecord snapshot() {
            return this;
        }
    }
}
