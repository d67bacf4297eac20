package org.threatledger.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.threatledger.match.Observation;
import org.threatledger.match.Where;
import org.threatledger.pattern.ObjectPath;
import org.threatledger.pattern.PathStep;

/** Field mappings fail fast on typos; every record carries a STIX view for full-pattern evaluation. */
class MappingAndViewTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final Path ZEEK = Collected.ZEEK;

    @TempDir
    Path dir;

    @Test
    void mapping_unknownKeyKindOrWhere_failsNamingIt() {
        assertThatThrownBy(() -> FieldMapping.of(props("feild.query", "DOMAIN"))).hasMessageContaining("'feild.query'");
        assertThatThrownBy(() -> FieldMapping.of(props("field.query", "DOMIAN"))).hasMessageContaining("'DOMIAN'");
        assertThatThrownBy(() -> FieldMapping.of(props("field.query", "DOMAIN DNS_QUERI"))).hasMessageContaining("'DNS_QUERI'");
        assertThatThrownBy(() -> FieldMapping.of(props("time.format", "epoch-weeks"))).hasMessageContaining("epoch-weeks");
    }

    @Test
    void csvFormat_withoutMapping_failsAtOnce() {
        assertThatThrownBy(() -> new TelemetryReader(TelemetryOptions.defaults().withFormat("csv")))
                .hasMessageContaining("--mapping");
        assertThatThrownBy(() -> new TelemetryReader(TelemetryOptions.defaults().withFormat("bro")))
                .hasMessageContaining("'bro'");
    }

    @Test
    void otrfKerberos_readThroughAMapping_underscoredKeysFoundByDottedNames() throws IOException {
        FieldMapping mapping = FieldMapping.of(props("field.id.resp_h", "IP CONN_RESP port=id.resp_p", "zeek.paths", "kerberos"));
        Collected c = Collected.read(TelemetryOptions.defaults().withMapping(mapping),
                ZEEK.resolve("otrf-apt29/day1/NASHUA_kerberos.log"));
        // Kerberos to the domain controller, directly (88) or inside SMB (445)
        assertThat(c.at(Where.CONN_RESP)).hasSize(13).allSatisfy(o -> {
            assertThat(o.value()).isEqualTo("10.0.0.4");
            assertThat(o.port()).isIn(88, 445);
        });
    }

    @Test
    void connView_networkTrafficEndpointsPortsAndProtocols() throws IOException {
        Observation o = Collected.read(GOLDEN.resolve("conn-json/conn.json")).observations().getFirst();
        assertThat(o.record().values(path("network-traffic", "src_ref", "value"))).containsExactly("10.0.1.6");
        assertThat(o.record().values(path("network-traffic", "dst_ref", "value"))).containsExactly("10.0.0.4");
        assertThat(o.record().values(path("network-traffic", "dst_port"))).containsExactly(53L);
        assertThat(o.record().values(new ObjectPath("network-traffic", List.of(new PathStep.Key("protocols"), new PathStep.AnyIndex()))))
                .containsExactly("udp");
        assertThat(o.record().values(path("ipv4-addr", "value"))).containsExactly("10.0.1.6", "10.0.0.4");
        assertThat(o.record().sensor()).isEqualTo("host-a.example");
        assertThat(o.record().timeMicros()).isEqualTo(o.timeMicros());
    }

    @Test
    void records_areCopiedOnlyWhileTheConsumerWantsThem_askedRecordByRecord() throws IOException {
        java.util.List<Observation> seen = new java.util.ArrayList<>();
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        // wanted for every second record only
        new TelemetryReader(TelemetryOptions.defaults()).recordsWanted(() -> asked.getAndIncrement() % 2 == 1)
                .read(List.of(GOLDEN.resolve("dns/dns.log").toString()), seen::add);

        assertThat(seen).isNotEmpty();
        assertThat(seen.stream().filter(o -> o.record() == null)).isNotEmpty();
        assertThat(seen.stream().filter(o -> o.record() != null)).isNotEmpty()
                .allSatisfy(o -> assertThat(o.record().timeMicros()).isEqualTo(o.timeMicros()));
        java.util.Map<Long, java.util.Set<Boolean>> byLine = new java.util.HashMap<>();
        seen.forEach(o -> byLine.computeIfAbsent(o.line(), k -> new java.util.HashSet<>()).add(o.record() != null));
        assertThat(byLine.values()).as("all observations of one record agree").allSatisfy(s -> assertThat(s).hasSize(1));
    }

    @Test
    void dnsView_domainResolvesToAnswers_andSurvivesTheReadBuffer() throws IOException {
        List<Observation> obs = Collected.read(GOLDEN.resolve("dns/dns.log")).observations();
        Observation first = obs.getFirst();
        assertThat(first.record().values(path("domain-name", "value"))).containsExactly("www.example.com");
        assertThat(first.record().values(new ObjectPath("domain-name",
                List.of(new PathStep.Key("resolves_to_refs"), new PathStep.AnyIndex(), new PathStep.Key("value")))))
                .containsExactly("cdn.example.net", "93.184.216.34", "2001:DB8:0:0:0:0:0:1");
        assertThat(first.record().values(new ObjectPath("domain-name",
                List.of(new PathStep.Key("resolves_to_refs"), new PathStep.Index(1), new PathStep.Key("value")))))
                .containsExactly("93.184.216.34");
        assertThat(obs.getLast().record().values(path("domain-name", "value"))).containsExactly("bücher.example");
    }

    @Test
    void httpView_urlAndHttpRequestExtension() throws IOException {
        Observation o = Collected.read(GOLDEN.resolve("http/http.log")).observations().getFirst();
        assertThat(o.record().values(path("url", "value"))).containsExactly("http://example.com:8080/a%20b?q=1");
        assertThat(o.record().values(path("domain-name", "value"))).containsExactly("example.com");
        assertThat(o.record().values(path("network-traffic", "extensions", "http-request-ext", "request_method"))).containsExactly("GET");
        assertThat(o.record().values(path("network-traffic", "extensions", "http-request-ext", "request_header", "User-Agent")))
                .containsExactly("Mozilla/5.0 (X11)");
    }

    @Test
    void x509FilesSmtpViews() throws IOException {
        Observation cert = Collected.read(GOLDEN.resolve("x509/x509.log")).observations().getFirst();
        assertThat(cert.record().values(path("x509-certificate", "serial_number"))).containsExactly("0a1bff");
        assertThat(cert.record().values(path("x509-certificate", "hashes", "SHA-1"))).containsExactly("a94a8fe5ccb19ba61c4c0873d391e987982fbbd3");
        assertThat(cert.record().values(path("x509-certificate", "subject"))).containsExactly("CN=evil.example,O=Evil\\, Inc");
        Observation file = Collected.read(GOLDEN.resolve("files/files.log")).observations().getFirst();
        assertThat(file.record().values(path("file", "hashes", "SHA-256")))
                .containsExactly("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(file.record().values(path("file", "name"))).containsExactly("invoice.pdf.exe");
        Observation mail = Collected.read(GOLDEN.resolve("smtp/smtp.log")).observations().getFirst();
        assertThat(mail.record().values(path("email-message", "from_ref", "value"))).containsExactly("Eve@mail.example.com");
        assertThat(mail.record().values(new ObjectPath("email-message", List.of(new PathStep.Key("to_refs"), new PathStep.AnyIndex(), new PathStep.Key("value")))))
                .containsExactly("ceo@victim.example");
        assertThat(mail.record().values(path("email-message", "subject"))).containsExactly("Invoice");
    }

    @Test
    void zedX509View_validityAsInstants() throws IOException {
        Observation o = Collected.read(ZEEK.resolve("zed-sample-data/zeek-json/x509.json.gz")).observations().getFirst();
        assertThat(o.record().values(path("x509-certificate", "validity_not_before")))
                .containsExactly(Instant.parse("2011-09-10T12:15:02Z"));
    }

    @Test
    void mappedAndSquidViews() throws IOException {
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(GOLDEN.resolve("jsonl/mapping.properties"))) {
            p.load(in);
        }
        Observation o = Collected.read(TelemetryOptions.defaults().withMapping(FieldMapping.of(p)),
                GOLDEN.resolve("jsonl/events.jsonl")).observations().getFirst();
        assertThat(o.record().values(path("domain-name", "value"))).containsExactly("evil.example");
        assertThat(o.record().values(path("network-traffic", "dst_ref", "value"))).containsExactly("203.0.113.9");
        assertThat(o.record().values(path("network-traffic", "dst_port"))).containsExactly(8443L);
        assertThat(o.record().values(path("file", "hashes", "MD5"))).containsExactly("D41D8CD98F00B204E9800998ECF8427E");
        Observation squid = Collected.read(GOLDEN.resolve("squid/access.log")).observations().get(2);
        assertThat(squid.record().values(path("url", "value"))).containsExactly("https://secure.example.org");
        assertThat(squid.record().values(path("domain-name", "value"))).containsExactly("secure.example.org");
    }

    private static ObjectPath path(String type, String... keys) {
        return new ObjectPath(type, java.util.Arrays.stream(keys).<PathStep>map(PathStep.Key::new).toList());
    }

    private static Properties props(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return p;
    }
}
