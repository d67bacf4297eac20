package org.threatledger.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.threatledger.match.Observation;
import org.threatledger.match.ObservationType;
import org.threatledger.match.Where;
import org.threatledger.pattern.ObjectPath;

/** The real logs of shared/data/zeek-logs, with the counts of its README (section 8) as oracles. */
class ZeekRealDataTest {
    private static final Path ZED_TSV = Collected.ZEEK.resolve("zed-sample-data/zeek-default");
    private static final Path ZED_JSON = Collected.ZEEK.resolve("zed-sample-data/zeek-json");
    private static final Path RITA = Collected.ZEEK.resolve("rita");
    private static final Path OTRF = Collected.ZEEK.resolve("otrf-apt29");

    @Test
    void everyRealLog_parsesWithZeroErrors() throws Exception {
        Collected c = Collected.read(Collected.ZEEK);
        List<FileStats> logs = c.stats().stream()
                .filter(s -> !s.source().endsWith("LICENSE") && !s.source().endsWith(".md")).toList();
        assertThat(logs).hasSize(16 + 8 + 2 + 47);
        assertThat(logs).allSatisfy(s -> {
            assertThat(s.errors()).as(s.source()).isEmpty();
            assertThat(s.format()).as(s.source()).startsWith("zeek");
        });
    }

    @Test
    void zedDns_tsv_givesReadmeCounts() throws Exception {
        Collected c = Collected.read(ZED_TSV.resolve("dns.log.gz"));
        assertThat(c.only().records()).isEqualTo(53_615);
        assertThat(c.only().errors()).isEmpty();
        // README: 1,649 distinct queries besides unset and (empty); four are no host names and are skipped
        Set<String> queries = c.distinct(Where.DNS_QUERY);
        assertThat(queries).hasSize(1_649 - 4).doesNotContain("*", "10.47.7.30");
        assertThat(c.only().skipped()).containsEntry("dns query is not a host name", 3_834L + 14 + 8 + 6);
    }

    @Test
    void zedDns_tsvAndJson_giveTheSameObservations() throws Exception {
        assertSame(key(Collected.read(ZED_JSON.resolve("dns.json.gz"))), key(Collected.read(ZED_TSV.resolve("dns.log.gz"))));
    }

    @Test
    void zedSsl_givesReadmeCounts_andTheSameObservationsInJson() throws Exception {
        Collected tsv = Collected.read(ZED_TSV.resolve("ssl.log.gz"));
        assertThat(tsv.only().records()).isEqualTo(49_474);
        assertThat(tsv.distinct(Where.SSL_SNI)).hasSize(542);
        assertThat(tsv.at(Where.SSL_SNI)).hasSize(49_474 - 34_404);
        assertSame(key(Collected.read(ZED_JSON.resolve("ssl.json.gz"))), key(tsv));
    }

    @Test
    void zedSsl_apt10TrailAddress_elevenSessionsAllOnPort443() throws Exception {
        List<Observation> bing = Collected.read(ZED_TSV.resolve("ssl.log.gz")).at(Where.CONN_RESP).stream()
                .filter(o -> o.value().equals("204.79.197.200")).toList();
        assertThat(bing).hasSize(11).allSatisfy(o -> assertThat(o.port()).isEqualTo(443));
        assertThat(bing).noneMatch(o -> o.port() == 8443);
    }

    @Test
    void zedX509_serialsFingerprintsAndSubjects_sameInTsvAndJson() throws Exception {
        Collected tsv = Collected.read(ZED_TSV.resolve("x509.log.gz"));
        Collected json = Collected.read(ZED_JSON.resolve("x509.json.gz"));
        assertThat(tsv.only().records()).isEqualTo(348);
        assertThat(tsv.at(Where.X509_FINGERPRINT)).hasSize(348)
                .allSatisfy(o -> assertThat(o.type()).isEqualTo(ObservationType.X509_SHA256));
        assertThat(tsv.at(Where.X509_SERIAL)).hasSize(347)
                .allSatisfy(o -> assertThat(o.value()).matches("[0-9a-f]+"));
        assertThat(tsv.only().skipped()).containsEntry("certificate.serial is not a x509_serial", 1L);
        ObjectPath subject = ObjectPath.of("x509-certificate", "subject");
        assertThat(viewValues(tsv, Where.X509_FINGERPRINT, subject)).hasSize(335)
                .isEqualTo(viewValues(json, Where.X509_FINGERPRINT, subject));
        assertSame(key(json), key(tsv));
    }

    @Test
    void zedSmtp_sameInTsvAndJson() throws Exception {
        Collected tsv = Collected.read(ZED_TSV.resolve("smtp.log.gz"));
        assertThat(tsv.only().records()).isEqualTo(1_188);
        assertSame(key(Collected.read(ZED_JSON.resolve("smtp.json.gz"))), key(tsv));
    }

    @Test
    void ritaHttp_tsvAndJson_27204Requests_sameObservations() throws Exception {
        Collected tsv = Collected.read(RITA.resolve("valid_tsv/http.log.gz"));
        Collected json = Collected.read(RITA.resolve("valid_json/http.log.gz"));
        assertThat(tsv.only().records()).isEqualTo(27_204);
        assertThat(json.only().records()).isEqualTo(27_204);
        assertThat(tsv.distinct(Where.HTTP_HOST)).hasSize(336);
        assertThat(tsv.at(Where.HTTP_HOST)).hasSize(27_204 - 1_023);
        Map<String, Long> byHost = tsv.at(Where.HTTP_HOST).stream()
                .collect(Collectors.groupingBy(Observation::value, Collectors.counting()));
        assertThat(byHost).containsEntry("www.alexa.com", 2_884L).containsEntry("download.windowsupdate.com", 1_189L)
                .containsEntry("beacon.krxd.net", 1_016L);
        assertThat(viewValues(tsv, null, new ObjectPath("network-traffic",
                List.of(new org.threatledger.pattern.PathStep.Key("src_ref"), new org.threatledger.pattern.PathStep.Key("value")))))
                .hasSize(13);
        assertSame(key(json), key(tsv));
        assertThat(tsv.only().skipped()).isEmpty();
    }

    @Test
    void ritaProxy_directory_givesReadmeCounts() throws Exception {
        Collected c = Collected.read(RITA.resolve("proxy"));
        Map<String, Long> records = c.stats().stream().collect(Collectors.toMap(
                s -> Path.of(s.source()).getFileName().toString(), FileStats::records));
        assertThat(records).containsEntry("conn.log", 463L).containsEntry("http.log", 407L)
                .containsEntry("dns.log", 942L).containsEntry("files.log", 194L).containsEntry("ssl.log", 407L)
                .containsEntry("x509.log", 173L).containsEntry("software.log", 4L).containsEntry("known_hosts.log", 4L);
        assertThat(c.errors()).isZero();
        // README: "55 distinct md5" counts the unset '-' as a value; 54 are md5 hashes
        assertThat(c.at(Where.FILE_HASH).stream().filter(o -> o.type() == ObservationType.MD5)
                .map(Observation::value).distinct()).hasSize(54);
        assertThat(c.at(Where.HTTP_URL)).filteredOn(o -> o.value().startsWith("https://www.google.com")).isNotEmpty();
    }

    @Test
    void otrfApt29_recordsPerFile_sensorFromSystem_andDnsQueries() throws Exception {
        Collected c = Collected.read(OTRF);
        Map<String, Long> records = c.stats().stream().collect(Collectors.toMap(
                s -> Path.of(s.source()).getParent().getFileName() + "/" + Path.of(s.source()).getFileName(), FileStats::records));
        assertThat(records).containsEntry("day1/NASHUA_conn.log", 479L).containsEntry("day1/NASHUA_dns.log", 21L)
                .containsEntry("day1/NASHUA_files.log", 379L).containsEntry("day1/NASHUA_ssl.log", 376L)
                .containsEntry("day1/NASHUA_x509.log", 376L).containsEntry("day1/SCRANTON_conn.log", 134L)
                .containsEntry("day1/SCRANTON_dns.log", 32L).containsEntry("day1/SCRANTON_files.log", 69L)
                .containsEntry("day1/SCRANTON_http.log", 62L).containsEntry("day1/SCRANTON_ssl.log", 2L)
                .containsEntry("day2/NEWYORK_conn.log", 314L).containsEntry("day2/NEWYORK_dns.log", 153L)
                .containsEntry("day2/UTICA-A_conn.log", 353L).containsEntry("day2/UTICA-A_dns.log", 58L)
                .containsEntry("day2/UTICA-A_ssl.log", 283L);
        assertThat(c.stats()).filteredOn(s -> s.source().endsWith(".log")).hasSize(47);
        assertThat(c.at(Where.DNS_QUERY)).hasSize(303);
        assertThat(c.distinct(Where.DNS_QUERY)).hasSize(76).contains("newyork.dmevals.local");
        assertThat(c.at(Where.DNS_QUERY).getFirst().sensor()).isEqualTo("bobs.bigwheel.local");
        assertThat(c.at(Where.CONN_RESP)).allSatisfy(o -> assertThat(o.uid()).startsWith("C"));
    }

    @Test
    void sensorOption_overridesTheLogsSystemField() throws Exception {
        Collected c = Collected.read(TelemetryOptions.defaults().withSensor("dmz-1"), OTRF.resolve("day1/NASHUA_dns.log"));
        assertThat(c.observations()).isNotEmpty().allSatisfy(o -> assertThat(o.sensor()).isEqualTo("dmz-1"));
    }

    /** Equal multisets, reporting only the differences. */
    static void assertSame(List<String> json, List<String> tsv) {
        java.util.List<String> onlyJson = new java.util.ArrayList<>(json);
        java.util.List<String> onlyTsv = new java.util.ArrayList<>(tsv);
        tsv.forEach(onlyJson::remove);
        json.forEach(onlyTsv::remove);
        assertThat(onlyJson).as("only in JSON").isEmpty();
        assertThat(onlyTsv).as("only in TSV").isEmpty();
        assertThat(json).hasSameSizeAs(tsv);
    }

    /** The observations as comparable text, without the line (TSV counts header lines, JSON does not). */
    static List<String> key(Collected c) {
        return c.observations().stream()
                .map(o -> o.type() + " " + o.value() + " " + o.port() + " " + o.where() + " " + o.timeMicros() + " " + o.uid())
                .sorted().toList();
    }

    private static Set<Object> viewValues(Collected c, Where where, ObjectPath path) {
        Function<Observation, List<Object>> values = o -> o.record().values(path);
        Set<Object> out = new TreeSet<>(java.util.Comparator.comparing(String::valueOf));
        c.observations().stream().filter(o -> where == null || o.where() == where).map(values).forEach(out::addAll);
        return out;
    }
}
