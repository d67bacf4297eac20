package org.threatledger.ingest.lists;

import org.threatledger.ingest.CollectingSink;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.threatledger.ingest.FeedInput;
import org.threatledger.ingest.ImportOptions;
import org.threatledger.stix.Ids;
import org.threatledger.stix.IocEntry;
import org.threatledger.stix.IocType;
import org.threatledger.stix.StixObject;
import org.threatledger.stix.Tlp;

class IocListImporterTest {
    private static final Path DATA = Path.of(System.getProperty("shared.data"));
    private static final Path MALTRAIL = DATA.resolve("ioc-lists/maltrail/trails/static/malware");
    private static final Instant IMPORTED = Instant.parse("2026-11-22T01:02:03.456Z");

    private final IocListImporter importer = new IocListImporter();

    private static ImportOptions options(String source) {
        return new ImportOptions(source, null, null, false, IMPORTED);
    }

    private CollectingSink read(Path file, ImportOptions options) throws IOException {
        CollectingSink sink = new CollectingSink();
        importer.read(new FeedInput(file.toString(), () -> Files.newInputStream(file)), options, sink);
        return sink;
    }

    private CollectingSink read(String name, byte[] content, ImportOptions options) throws IOException {
        CollectingSink sink = new CollectingSink();
        importer.read(new FeedInput(name, () -> new ByteArrayInputStream(content)), options, sink);
        return sink;
    }

    private static Map<String, Integer> byType(List<IocEntry> entries) {
        Map<String, Integer> counts = new TreeMap<>();
        entries.forEach(e -> counts.merge(e.type().label(), 1, Integer::sum));
        return counts;
    }

    @Test
    void maltrailAptFiles_everyLineIsAnEntryOrARejection_withTheReadmeTypeSplit() throws IOException {
        CollectingSink sink = new CollectingSink();
        int files = 0;
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(MALTRAIL, "apt_*.txt")) {
            for (Path p : dir) {
                importer.read(new FeedInput(p.toString(), () -> Files.newInputStream(p)), options("maltrail"), sink);
                files++;
            }
        }
        assertThat(files).isEqualTo(340);
        assertThat(sink.objects).hasSize(340);
        assertThat(sink.entries.size() + sink.rejections.size()).isEqualTo(327_933);
        // README: domain 313,268 / url 7,332 / ipv4:port 7,210 / ipv4 123 by a simple classification.
        // Four "ip:port  # comment" lines it counts as domains are ip_port here; three "a.b.c.d:p:q"
        // lines it counts as domains are rejected.
        assertThat(byType(sink.entries)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "domain", 313_261, "url", 7_332, "ip_port", 7_214, "ipv4", 123));
        assertThat(sink.rejections).extracting(r -> r.reason()).containsExactlyInAnyOrder(
                "'161.35.41.9:53:53' is not an IPv6 address",
                "'31.76.252.47:443:443' is not an IPv6 address",
                "'213.165.60.118:22:443' is not an IPv6 address");
        assertThat(sink.entries).filteredOn(e -> e.type() == IocType.DOMAIN).allMatch(IocEntry::subdomains);
    }

    @Test
    void maltrailFile_portTrail_becomesIpPortEntry() throws IOException {
        CollectingSink sink = read(MALTRAIL.resolve("apt_menupass.txt"), options("maltrail"));
        assertThat(sink.rejections).isEmpty();
        assertThat(sink.entries).hasSize(1_651);
        assertThat(byType(sink.entries)).isEqualTo(Map.of("domain", 1_638, "ip_port", 11, "url", 2));
        assertThat(sink.entries).anySatisfy(e -> {
            assertThat(e.type()).isEqualTo(IocType.IP_PORT);
            assertThat(e.value()).isEqualTo("204.79.197.200");
            assertThat(e.port()).isEqualTo(8443);
            assertThat(e.subdomains()).isFalse();
        });
        assertThat(sink.entries).extracting(IocEntry::value).contains("jepsen.r3u8.com", "malware.dsmtp.com");
    }

    @Test
    void maltrailFile_headers_becomeTheListObject() throws IOException {
        CollectingSink sink = read(MALTRAIL.resolve("apt_menupass.txt"),
                new ImportOptions("maltrail", Tlp.GREEN, null, false, IMPORTED));
        StixObject list = sink.objects.get(0);
        assertThat(list.type()).isEqualTo("x-threatledger-ioc-list");
        assertThat(list.id()).isEqualTo(Ids.derived("x-threatledger-ioc-list", "maltrail", "apt_menupass.txt"));
        assertThat(list.name()).contains("apt_menupass.txt");
        assertThat(list.text("x_threatledger_actor")).contains("apt10");
        assertThat(list.strings("x_threatledger_aliases")).startsWith("apt10", "stone panda", "gallium");
        assertThat(list.get("x_threatledger_subdomains").asBoolean()).isTrue();
        assertThat(list.text("created")).contains("2026-11-22T01:02:03.000Z");
        assertThat(list.text("modified")).contains("2026-11-22T01:02:03.000Z");
        assertThat(list.text("x_threatledger_content_sha256")).hasValueSatisfying(h -> assertThat(h).hasSize(64));
        assertThat(list.markingRefs()).containsExactly(Tlp.GREEN.markingId());
        assertThat(list.get("external_references").get(0).get("url").asText())
                .isEqualTo("http://researchcenter.paloaltonetworks.com/2017/02/unit42-menupass-returns-new-malware-new-attacks-japanese-academics-organizations/");
        assertThat(list.get("external_references")).hasSize(48);
        assertThat(sink.entries).allMatch(e -> e.listId().equals(list.id()) && e.reference() != null);
    }

    @Test
    void maltrailFile_withoutAliases_actorIsTheNameAfterApt() throws IOException {
        StixObject list = read(MALTRAIL.resolve("apt_commentcrew.txt"), options("maltrail")).objects.get(0);
        assertThat(list.text("x_threatledger_actor")).contains("commentcrew");
        assertThat(read(MALTRAIL.resolve("apt_commentcrew.txt"), new ImportOptions("maltrail", null, "APT1", false, IMPORTED))
                .objects.get(0).text("x_threatledger_actor")).contains("APT1");
    }

    @Test
    void commentCrewTrails_holdEveryApt1AppendixDFqdn() throws IOException {
        CollectingSink sink = read(MALTRAIL.resolve("apt_commentcrew.txt"), options("maltrail"));
        assertThat(sink.entries).hasSize(2_141);
        Set<String> trails = new HashSet<>();
        sink.entries.forEach(e -> trails.add(e.value()));
        assertThat(trails).hasSize(2_099);
        List<String> fqdns = Files.readAllLines(DATA.resolve("apt1-mandiant/lists/apt1-appendix-d-fqdns.txt")).stream()
                .filter(l -> !l.isBlank()).toList();
        assertThat(fqdns).hasSize(2_046);
        assertThat(trails).containsAll(fqdns.stream().map(String::toLowerCase).toList());
    }

    @Test
    void rerun_givesTheSameIdsAndEntries() throws IOException {
        CollectingSink a = read(MALTRAIL.resolve("apt_12.txt"), options("maltrail"));
        CollectingSink b = read(MALTRAIL.resolve("apt_12.txt"), options("maltrail"));
        assertThat(a.objects).isEqualTo(b.objects);
        assertThat(a.entries).isEqualTo(b.entries).hasSize(14);
    }

    @Test
    void signatureBaseHashList_semicolonColumns_giveHashAndComment() throws IOException {
        CollectingSink sink = read(DATA.resolve("ioc-lists/signature-base/hash-iocs.txt"), options("signature-base"));
        assertThat(sink.rejections).isEmpty();
        assertThat(byType(sink.entries)).isEqualTo(Map.of("sha256", 1_259, "md5", 1_039, "sha1", 926));
        assertThat(sink.entries).filteredOn(e -> e.comment() != null && e.comment().contains("APT10")).hasSize(544);
        assertThat(sink.entries).allMatch(e -> e.comment() != null);
        assertThat(sink.objects.get(0).get("x_threatledger_subdomains").asBoolean()).isFalse();
    }

    @Test
    void signatureBaseC2List_reportHeaders_becomeCommentAndReference() throws IOException {
        CollectingSink sink = read(DATA.resolve("ioc-lists/signature-base/c2-iocs.txt"), options("signature-base"));
        assertThat(sink.entries.size() + sink.rejections.size()).isEqualTo(1_844);
        IocEntry first = sink.entries.get(0);
        assertThat(first.value()).isEqualTo("suroot.com");
        assertThat(first.comment()).isEqualTo("FireEye Operation Snowman https://goo.gl/x1v7mT");
        assertThat(first.reference()).isEqualTo("https://goo.gl/x1v7mT");
        assertThat(sink.entries).filteredOn(e -> e.value().equals("drivres-update.info"))
                .allSatisfy(e -> assertThat(e.comment()).isEqualTo("Sofacy report Dec 2015 https://goo.gl/WSvEM8"));
        assertThat(sink.rejections).as("rejections %s", sink.rejections).isEmpty();
        assertThat(sink.entries).filteredOn(e -> e.value().equals("176.123.5.126")).singleElement()
                .satisfies(e -> assertThat(e.comment()).startsWith("Cleo Software Exploitation").endsWith("(LOKI score 65)"));
        // README: 129 IPv4 and 1,715 domains/hosts; its count takes the six "a.b.c.d;65" lines
        // (IP with a LOKI score) as hosts.
        assertThat(byType(sink.entries)).isEqualTo(Map.of("ipv4", 129 + 6, "domain", 1_715 - 6));
    }

    @Test
    void esetSampleLists_areBareHashLists_attributedByFolder() throws IOException {
        Map<String, Integer> total = new TreeMap<>();
        Set<String> listIds = new HashSet<>();
        try (DirectoryStream<Path> actors = Files.newDirectoryStream(DATA.resolve("ioc-lists/eset-malware-ioc"), Files::isDirectory)) {
            for (Path actor : actors) {
                try (DirectoryStream<Path> lists = Files.newDirectoryStream(actor, "samples.*")) {
                    for (Path p : lists) {
                        CollectingSink sink = read(p, options("eset"));
                        assertThat(sink.rejections).isEmpty();
                        assertThat(sink.objects.get(0).text("x_threatledger_actor")).contains(actor.getFileName().toString());
                        listIds.add(sink.objects.get(0).id());
                        byType(sink.entries).forEach((k, v) -> total.merge(k, v, Integer::sum));
                    }
                }
            }
        }
        assertThat(listIds).hasSize(51);
        assertThat(total).isEqualTo(Map.of("md5", 710, "sha1", 710, "sha256", 710));
    }

    @Test
    void csvWithHeader_findsColumnsByName() throws IOException {
        String csv = """
                first_seen,Indicator,Type,Description,Link
                2024-01-01,Evil.Example.com,domain,"C2, stage 2",https://example.org/report
                2024-01-02,10.0.0.1,ip-dst,beacon,
                2024-01-03,evil.example.net,md5,mislabelled,
                """;
        CollectingSink sink = read("c2.csv", csv.getBytes(UTF_8), new ImportOptions("csv-test", null, null, true, IMPORTED));
        assertThat(sink.entries).containsExactly(
                new IocEntry(sink.objects.get(0).id(), IocType.DOMAIN, "evil.example.com", -1, true, "C2, stage 2", "https://example.org/report", 2),
                new IocEntry(sink.objects.get(0).id(), IocType.IPV4, "10.0.0.1", -1, false, "beacon", null, 3));
        assertThat(sink.rejections).singleElement().satisfies(r -> {
            assertThat(r.line()).isEqualTo(4);
            assertThat(r.reason()).isEqualTo("'evil.example.net' is a domain but its type column says 'md5'");
        });
    }

    @Test
    void binaryGarbageLines_areRejectedPerLine_andTheGoodLinesImport() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes("good.example.com\n".getBytes(UTF_8));
        b.writeBytes(new byte[] {'b', 'a', 'd', 0, 'x', '\n'});
        b.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28, '.', 'c', 'o', 'm', '\n'});
        b.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xFE, 1, 2, 3, '\n'});
        b.writeBytes("1.2.3.4:8080\r\n".getBytes(UTF_8));
        b.writeBytes(("x".repeat(LineReader.MAX_LINE + 10) + "\n").getBytes(UTF_8));
        b.writeBytes("bücher.example\n".getBytes(UTF_8));
        b.writeBytes("not a value\n".getBytes(UTF_8));
        CollectingSink sink = read("mixed.txt", b.toByteArray(), options("test"));
        assertThat(sink.entries).extracting(IocEntry::line, IocEntry::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, "good.example.com"),
                        org.assertj.core.groups.Tuple.tuple(5L, "1.2.3.4"),
                        org.assertj.core.groups.Tuple.tuple(7L, "xn--bcher-kva.example"));
        assertThat(sink.rejections).extracting(r -> r.line() + " " + r.reason()).containsExactly(
                "2 line contains a NUL byte (binary data)",
                "3 line is not valid UTF-8 (binary data)",
                "4 line contains a control character (binary data)",
                "6 line is longer than 65536 bytes",
                "8 'not a value' is not a domain (character ' ')");
        assertThat(sink.rejections).allSatisfy(r -> assertThat(r.file()).isEqualTo("mixed.txt"));
    }

    @Test
    void overlongValue_isNamedTruncatedTo100Characters() throws IOException {
        String value = "a".repeat(300) + ".com";
        CollectingSink sink = read("long.txt", (value + "\n").getBytes(UTF_8), options("test"));
        assertThat(sink.rejections.get(0).reason()).startsWith("'" + "a".repeat(100) + "...'").endsWith("is not a domain (longer than 253 characters)");
    }

    @Test
    void recognises_listNamesAndNonJsonNonXmlContent() {
        assertThat(importer.recognises("apt_menupass.txt", new byte[0])).isTrue();
        assertThat(importer.recognises("samples.sha256", new byte[0])).isTrue();
        assertThat(importer.recognises("feed", "evil.com\n".getBytes(UTF_8))).isTrue();
        assertThat(importer.recognises("feed", "  {\"type\":\"bundle\"}".getBytes(UTF_8))).isFalse();
        assertThat(importer.recognises("x.ioc", "<?xml version".getBytes(UTF_8))).isFalse();
    }

    @Test
    void millionLineList_streamsWithinBoundedMemory() throws IOException {
        byte[] content = ListThroughput.generate(1_000_000);
        long[] count = new long[1];
        FeedInput input = new FeedInput("big.txt", () -> new ByteArrayInputStream(content));
        importer.read(input, options("bench"), new CollectingSink() {
            @Override
            public void entry(IocEntry entry) {
                count[0]++;
            }

            @Override
            public void reject(org.threatledger.ingest.Rejection r) {
                throw new UncheckedIOException(new IOException(r.toString()));
            }
        });
        assertThat(count[0]).isEqualTo(1_000_000);
    }
}
