package org.threatledger.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.threatledger.ingest.FeedInput;
import org.threatledger.ingest.ImportOptions;
import org.threatledger.ingest.ImportSink;
import org.threatledger.ingest.Rejection;
import org.threatledger.ingest.lists.IocListImporter;
import org.threatledger.stix.IocEntry;
import org.threatledger.stix.IocType;
import org.threatledger.stix.IocValue;
import org.threatledger.stix.StixObject;

/** Oracles from shared/data/README.md §8-9, with lists read by the real list importer. */
class RealListsTest {
    private static final Path DATA = Path.of(System.getProperty("shared.data"));
    private static final Path MALTRAIL = DATA.resolve("ioc-lists/maltrail/trails/static/malware");
    private static final Path SSL_LOG = DATA.resolve("zeek-logs/zed-sample-data/zeek-default/ssl.log.gz");

    private static List<IocEntry> read(Path... files) throws IOException {
        List<IocEntry> entries = new ArrayList<>();
        ImportSink sink = new ImportSink() {
            @Override
            public void object(StixObject object) {}

            @Override
            public void entry(IocEntry entry) {
                entries.add(entry);
            }

            @Override
            public void reject(Rejection rejection) {}

            @Override
            public void warn(Rejection warning) {}
        };
        ImportOptions options = new ImportOptions("maltrail", null, null, false, Instant.parse("2024-01-01T00:00:00Z"));
        for (Path file : files) {
            new IocListImporter().read(new FeedInput(file.toString(), () -> Files.newInputStream(file)), options, sink);
        }
        return entries;
    }

    /** (responder address, port, server name) of every ssl.log session. */
    private static List<String[]> sslSessions() throws IOException {
        List<String[]> sessions = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(SSL_LOG)), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.startsWith("#")) {
                    String[] f = line.split("\t", -1);
                    sessions.add(new String[] {f[4], f[5], f[9]});
                }
            }
        }
        return sessions;
    }

    private static int hits(IndicatorSet set, List<Observation> observations) {
        return (int) observations.stream().filter(o -> set.lookup(o).length > 0).count();
    }

    @Test
    void apt10PortTrail_sslSessionsOnPort443_hitOnlyWhenTheIpAloneIsAnIndicator() throws IOException {
        List<IocEntry> menupass = read(MALTRAIL.resolve("apt_menupass.txt"));
        assertThat(menupass).anyMatch(e -> e.type() == IocType.IP_PORT && e.value().equals("204.79.197.200") && e.port() == 8443);
        List<Observation> responders = sslSessions().stream().map(s -> new Observation(ObservationType.IPV4, s[0],
                Integer.parseInt(s[1]), 0, Where.CONN_RESP, "zed", "ssl.log", 0, null, null)).toList();
        assertThat(responders.stream().filter(o -> o.value().equals("204.79.197.200"))).hasSize(11);

        assertThat(hits(IndicatorSet.compile(menupass, List.of()), responders)).isZero();

        List<IocEntry> ipOnly = new ArrayList<>(menupass);
        ipOnly.add(new IocEntry(menupass.getFirst().listId(), IocType.IPV4, "204.79.197.200", -1, false, null, null, 0));
        assertThat(hits(IndicatorSet.compile(ipOnly, List.of()), responders)).isEqualTo(11);
    }

    @Test
    void apt1AppendixD_everyFqdnHitsTheCommentCrewTrails() throws IOException {
        IndicatorSet set = IndicatorSet.compile(read(MALTRAIL.resolve("apt_commentcrew.txt")), List.of());
        List<String> fqdns = Files.readAllLines(DATA.resolve("apt1-mandiant/lists/apt1-appendix-d-fqdns.txt")).stream()
                .filter(l -> !l.isBlank()).toList();
        assertThat(fqdns).hasSize(2_046);
        List<Observation> queries = fqdns.stream().map(d -> new Observation(ObservationType.DOMAIN,
                IocValue.of(IocType.DOMAIN, d).value(), -1, 0, Where.DNS_QUERY, "s", "f", 0, null, null)).toList();
        assertThat(hits(set, queries)).isEqualTo(2_046);
    }

    @Test
    void allMaltrailAptTrails_noSslServerNameHits() throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(MALTRAIL, "apt_*.txt")) {
            dir.forEach(files::add);
        }
        IndicatorSet set = IndicatorSet.compile(read(files.toArray(Path[]::new)), List.of());
        assertThat(set.size()).isEqualTo(327_930);
        List<Observation> names = sslSessions().stream().filter(s -> !s[2].equals("-"))
                .map(s -> new Observation(ObservationType.DOMAIN, s[2].toLowerCase(java.util.Locale.ROOT), -1, 0,
                        Where.SSL_SNI, "zed", "ssl.log", 0, null, null)).toList();
        assertThat(names).isNotEmpty();
        assertThat(hits(set, names)).isZero();
    }
}
