package org.threatledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.threatledger.stix.StixJson;

/** hunt and retrohunt on real Zeek logs, with the data README's oracles. */
class HuntCommandTest {
    static final Path DATA = Path.of(System.getProperty("shared.data"));
    static final Path SSL = DATA.resolve("zeek-logs/zed-sample-data/zeek-default/ssl.log.gz");

    @TempDir
    Path home;

    String run(String... args) {
        return CliRun.ok(home, CliRun.withJson(args));
    }

    static JsonNode summary(String huntOutput) {
        String[] lines = huntOutput.strip().split("\n");
        return StixJson.readTree(lines[lines.length - 1]).path("summary");
    }

    Path list(String name, String... lines) throws IOException {
        return Files.writeString(home.resolve(name), String.join("\n", lines) + "\n");
    }

    @Test
    void apt10PortTrail_neverHitsTheSessionsOn443_butTheBareAddressHitsAll11() throws IOException {
        run("import", list("port.txt", "204.79.197.200:8443").toString());
        JsonNode first = summary(run("hunt", SSL.toString()));
        assertThat(first.path("records").asLong()).isEqualTo(49_474);
        assertThat(first.path("parse_errors").size()).isZero();
        assertThat(first.path("hits").asLong()).isZero();

        // the bare address arrives later: the automatic retro-hunt finds it in the history at once
        JsonNode imported = StixJson.readTree(run("import", list("ip.txt", "204.79.197.200").toString()));
        assertThat(imported.path("retrohunt").path("sightings").asLong()).isEqualTo(1);

        String second = run("hunt", "--sensor", "zed", SSL.toString());
        assertThat(summary(second).path("hits").asLong()).isEqualTo(11);
        JsonNode sighting = StixJson.readTree(second.strip().split("\n")[0]);
        assertThat(sighting.path("type").asText()).isEqualTo("sighting");
        assertThat(sighting.path("count").asLong()).isEqualTo(11);
        assertThat(sighting.path("x_threatledger_raw_records").toString()).contains("ssl.log.gz:");
    }

    @Test
    void maltrailAptDomains_neverHitTheZedDnsAndSslLogs() throws IOException {
        Path trails = DATA.resolve("ioc-lists/maltrail/trails/static/malware");
        run("import", trails.resolve("apt_menupass.txt").toString(), trails.resolve("apt_commentcrew.txt").toString(),
                trails.resolve("apt_sofacy.txt").toString(), trails.resolve("apt_lazarus.txt").toString());
        JsonNode s = summary(run("hunt", "--no-history", DATA.resolve("zeek-logs/zed-sample-data/zeek-default/dns.log.gz").toString(), SSL.toString()));
        assertThat(s.path("records").asLong()).isEqualTo(53_615 + 49_474);
        assertThat(s.path("hits").asLong()).isZero();
        assertThat(s.path("parse_errors").size()).isZero();
    }

    @Test
    void addressRanges_areRetroHunted_asOneSightingPerIndicator_andPortEntriesAreNamedAsNot() throws IOException {
        run("hunt", "--sensor", "zed", SSL.toString());

        // 204.79.197.200 served 11 sessions and .203 two: a list range and a pattern range each cover both
        JsonNode imported = StixJson.readTree(run("import", list("ranges.txt", "204.79.197.0/24", "204.79.197.200:8443").toString()));
        Path bundle = Files.writeString(home.resolve("subnet.json"), "{\"type\":\"indicator\",\"spec_version\":\"2.1\","
                + "\"id\":\"indicator--1b7c4f9e-2d55-4f0e-9a51-6d0f5f3b9c21\",\"created\":\"2024-01-01T00:00:00.000Z\","
                + "\"modified\":\"2024-01-01T00:00:00.000Z\",\"pattern_type\":\"stix\",\"valid_from\":\"2024-01-01T00:00:00Z\","
                + "\"pattern\":\"[ipv4-addr:value ISSUBSET '204.79.197.192/28']\"}");
        JsonNode stix = StixJson.readTree(run("import", bundle.toString()));

        assertThat(imported.path("retrohunt").path("sightings").asLong()).isEqualTo(1);
        assertThat(imported.path("retrohunt").path("not_retrohunted").asLong()).isEqualTo(1);
        assertThat(stix.path("retrohunt").path("sightings").asLong()).isEqualTo(1);
        try (org.threatledger.store.KnowledgeStore store = org.threatledger.store.Stores.embedded(home)) {
            List<org.threatledger.stix.StixObject> ranged = store.byType("sighting", 0, 1000).stream()
                    .filter(o -> o.toJson().contains("x_threatledger_values_seen")).toList();
            assertThat(ranged).hasSize(2).allSatisfy(o -> {
                assertThat(o.toJson()).contains("\"count\":13").contains("\"x_threatledger_values_seen\":2")
                        .contains("\"x_threatledger_retro\":true");
            });
            assertThat(ranged).anySatisfy(o -> assertThat(o.toJson())
                    .contains("indicator--1b7c4f9e-2d55-4f0e-9a51-6d0f5f3b9c21"));
        }
    }

    /** A Zeek TSV dns.log in the home asking for each name in turn, a second apart, without answers. */
    Path dnsLog(String... queries) throws IOException {
        StringBuilder log = new StringBuilder("#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n"
                + "#unset_field\t-\n#path\tdns\n#fields\tts\tuid\tquery\tanswers\n"
                + "#types\ttime\tstring\tstring\tvector[string]\n");
        for (int i = 0; i < queries.length; i++) {
            log.append(1_700_000_000 + i).append(".000000\tD").append(i + 1).append('\t').append(queries[i])
                    .append("\t-\n");
        }
        return Files.writeString(home.resolve("dns.log"), log);
    }

    @Test
    void listEntries_areCachedBesideTheStore_andTheCacheFollowsEveryListChangeAndSurvivesDamage() throws IOException {
        Path dns = dnsLog("c2.first.example", "www.second.example", "harmless.example");
        Path cache = home.resolve("cache/list-entries.bin");
        run("import", "--subdomains", list("first.txt", "first.example").toString());
        Path leftOver = Files.createDirectories(home.resolve("cache")).resolve("list-entries.bin123.tmp");
        Files.writeString(leftOver, "from a hunt killed while writing");
        Files.setLastModifiedTime(leftOver, java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(3600)));
        Path recent = Files.writeString(home.resolve("cache/list-entries.bin456.tmp"), "a hunt writing now");

        assertThat(summary(run("hunt", "--no-history", dns.toString())).path("hits").asLong()).isEqualTo(1);
        assertThat(leftOver).as("a temporary file left long ago is removed").doesNotExist();
        assertThat(recent).as("a recent one may belong to a running hunt").exists();
        byte[] written = Files.readAllBytes(cache);
        java.nio.file.attribute.FileTime when = Files.getLastModifiedTime(cache);
        assertThat(summary(run("hunt", "--no-history", dns.toString())).path("hits").asLong()).isEqualTo(1);
        assertThat(Files.getLastModifiedTime(cache)).as("a current cache is read, not rewritten").isEqualTo(when);

        run("import", "--subdomains", list("second.txt", "second.example").toString());
        assertThat(summary(run("hunt", "--no-history", dns.toString())).path("hits").asLong())
                .as("a new list changes the store's fingerprint, so the cache is refreshed").isEqualTo(2);
        assertThat(Files.readAllBytes(cache)).isNotEqualTo(written);

        byte[] current = Files.readAllBytes(cache);
        byte[] damaged = current.clone();
        damaged[damaged.length / 2] ^= 0x5a;
        Files.write(cache, damaged);
        Files.delete(home.resolve("cache/indicator-set.bin")); // else the compiled set is read and the entries are not
        assertThat(summary(run("hunt", "--no-history", dns.toString())).path("hits").asLong())
                .as("a damaged cache is ignored").isEqualTo(2);
        assertThat(Files.readAllBytes(cache)).as("and written again").isEqualTo(current);
    }

    @Test
    void theCompiledSet_isCachedBesideTheStore_andFollowsListsAndStixIndicators() throws IOException {
        Path dns = dnsLog("c2.first.example", "www.second.example", "stage.third.example");
        Path cache = home.resolve("cache/indicator-set.bin");
        run("import", "--subdomains", list("first.txt", "first.example").toString());
        assertThat(summary(run("hunt", dns.toString())).path("hits").asLong()).isEqualTo(1);
        java.nio.file.attribute.FileTime when = Files.getLastModifiedTime(cache);
        assertThat(summary(run("hunt", dns.toString())).path("hits").asLong()).isEqualTo(1);
        assertThat(Files.getLastModifiedTime(cache))
                .as("a current set is read, not compiled again; the sightings a hunt stores do not change it")
                .isEqualTo(when);

        run("import", "--subdomains", list("second.txt", "second.example").toString());
        assertThat(summary(run("hunt", "--no-history", dns.toString())).path("hits").asLong())
                .as("a new list is compiled in").isEqualTo(2);
        Path bundle = Files.writeString(home.resolve("third.json"), "{\"type\":\"indicator\",\"spec_version\":\"2.1\","
                + "\"id\":\"indicator--5b3e0a64-0d6e-4b8c-9d7e-2a1f3c4d5e6f\",\"created\":\"2024-01-01T00:00:00.000Z\","
                + "\"modified\":\"2024-01-01T00:00:00.000Z\",\"pattern_type\":\"stix\",\"valid_from\":\"2024-01-01T00:00:00Z\","
                + "\"pattern\":\"[domain-name:value = 'stage.third.example']\"}");
        run("import", bundle.toString());
        assertThat(summary(run("hunt", "--no-history", dns.toString())).path("hits").asLong())
                .as("so is a new STIX indicator").isEqualTo(3);
        Files.writeString(bundle, Files.readString(bundle).replace("\"modified\":\"2024-01-01T00:00:00.000Z\"",
                "\"modified\":\"2024-02-01T00:00:00.000Z\",\"revoked\":true"));
        run("import", bundle.toString());
        assertThat(summary(run("hunt", "--no-history", dns.toString())).path("hits").asLong())
                .as("and a revoked one is left out again").isEqualTo(2);

        byte[] current = Files.readAllBytes(cache);
        byte[] damaged = current.clone();
        damaged[damaged.length / 2] ^= 0x5a;
        Files.write(cache, damaged);
        assertThat(summary(run("hunt", "--no-history", dns.toString())).path("hits").asLong())
                .as("a damaged set is ignored").isEqualTo(2);
        assertThat(Files.readAllBytes(cache)).as("and written again").isEqualTo(current);
    }

    @Test
    void aPatternJoiningTwoLogs_matches_whenEachLogSpansFarMoreThanItsWindow() throws IOException {
        // An hour of DNS and an hour of connections; the name is asked at 30:00 and again at 60:00. Read one
        // log after the other, the connection at 30:10 would arrive after the pattern's state had moved on
        // to 60:00 and the query at 30:00 had left the 60-second window.
        String dnsHeader = "#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n"
                + "#path\tdns\n#fields\tts\tuid\tquery\tanswers\n#types\ttime\tstring\tstring\tvector[string]\n";
        String connHeader = "#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n"
                + "#path\tconn\n#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\n"
                + "#types\ttime\tstring\taddr\tport\taddr\tport\n";
        StringBuilder dns = new StringBuilder(dnsHeader);
        StringBuilder conn = new StringBuilder(connHeader);
        for (int s = 0; s <= 3600; s += 10) {
            String query = s == 1800 || s == 3600 ? "stage.bad.example" : "q" + s + ".example";
            dns.append(1_700_000_000L + s).append(".000000\tD").append(s).append('\t').append(query).append("\t-\n");
            String resp = s == 1810 ? "198.51.100.77" : "192.0.2." + (s % 200 + 1);
            conn.append(1_700_000_000L + s).append(".500000\tC").append(s).append("\t10.0.0.5\t50000\t")
                    .append(resp).append("\t443\n");
        }
        Path dnsLog = Files.writeString(home.resolve("dns.log"), dns);
        Path connLog = Files.writeString(home.resolve("conn.log"), conn);
        Path bundle = Files.writeString(home.resolve("pattern.json"), "{\"type\":\"indicator\",\"spec_version\":\"2.1\","
                + "\"id\":\"indicator--6f1ad5e4-33e4-4a07-9d4b-8d8d4b7b2a11\",\"created\":\"2024-01-01T00:00:00.000Z\","
                + "\"modified\":\"2024-01-01T00:00:00.000Z\",\"pattern_type\":\"stix\",\"valid_from\":\"2024-01-01T00:00:00Z\","
                + "\"pattern\":\"([domain-name:value = 'stage.bad.example'] FOLLOWEDBY "
                + "[network-traffic:dst_ref.value = '198.51.100.77']) WITHIN 60 SECONDS\"}");
        run("import", bundle.toString());

        JsonNode s = summary(run("hunt", "--no-history", "--sensor", "s1", dnsLog.toString(), connLog.toString()));

        assertThat(s.path("hits").asLong()).isEqualTo(1);
        assertThat(s.path("sightings").asLong()).isEqualTo(1);
    }

    @Test
    void retrohunt_withoutHistory_saysWhatToDo() {
        CliRun r = CliRun.in(home, "retrohunt");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("run 'hunt'");
    }
}
