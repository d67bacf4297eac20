package org.threatledger.ingest.openioc;

import org.threatledger.ingest.CollectingSink;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.threatledger.ingest.FeedInput;
import org.threatledger.ingest.ImportOptions;
import org.threatledger.ingest.Rejection;
import org.threatledger.pattern.PatternParser;
import org.threatledger.stix.Ids;
import org.threatledger.stix.StixJson;
import org.threatledger.stix.StixObject;

class OpenIocImporterTest {
    private static final Path DATA = Path.of(System.getProperty("shared.data"));
    private static final Pattern SEARCH = Pattern.compile("search=\"([^\"]+)\"");
    private static final Pattern MD5 = Pattern.compile("file:hashes\\.MD5 !?= '([0-9a-f]{32})'");
    private static final ImportOptions OPTIONS = new ImportOptions("openioc", null, null, false, Instant.EPOCH);

    private final OpenIocImporter importer = new OpenIocImporter();

    private static List<Path> iocs(String folder) throws IOException {
        try (Stream<Path> s = Files.walk(DATA.resolve(folder))) {
            return s.filter(p -> p.toString().endsWith(".ioc")).sorted().toList();
        }
    }

    private CollectingSink readAll(List<Path> files) throws IOException {
        CollectingSink sink = new CollectingSink();
        for (Path p : files) {
            importer.read(new FeedInput(p.toString(), () -> Files.newInputStream(p)), OPTIONS, sink);
        }
        return sink;
    }

    private CollectingSink read(String name, String xml) throws IOException {
        CollectingSink sink = new CollectingSink();
        importer.read(new FeedInput(name, () -> new ByteArrayInputStream(xml.getBytes(UTF_8))), OPTIONS, sink);
        return sink;
    }

    private static Map<String, Integer> itemsBySearch(List<Path> files) throws IOException {
        Map<String, Integer> counts = new TreeMap<>();
        for (Path p : files) {
            Matcher m = SEARCH.matcher(Files.readString(p));
            while (m.find()) {
                counts.merge(m.group(1), 1, Integer::sum);
            }
        }
        return counts;
    }

    private static Map<String, Integer> warnedBySearch(List<Rejection> warnings) {
        Map<String, Integer> counts = new TreeMap<>();
        warnings.stream().filter(w -> w.field() != null).forEach(w -> counts.merge(w.field(), 1, Integer::sum));
        return counts;
    }

    private static List<StixObject> ofType(CollectingSink sink, String type) {
        return sink.objects.stream().filter(o -> o.type().equals(type)).toList();
    }

    @Test
    void apt1AppendixG_everyIocBecomesAnIndicatorWithAValidPattern() throws IOException {
        List<Path> files = iocs("apt1-mandiant/openioc-appendix-g");
        assertThat(files).hasSize(47);
        CollectingSink sink = readAll(files);
        assertThat(sink.rejections).isEmpty();
        List<StixObject> indicators = ofType(sink, "indicator");
        assertThat(indicators).hasSize(47).allSatisfy(i -> {
            assertThat(PatternParser.check(i.text("pattern").orElseThrow())).isEmpty();
            assertThat(i.text("pattern_type")).contains("stix");
            assertThat(i.get("external_references").get(0).get("external_id").asText())
                    .isEqualTo(i.json().get("external_references").get(0).get("external_id").asText());
        });
        StixObject gdoc = indicators.stream().filter(i -> i.name().orElseThrow().equals("GDOCUPLOAD (FAMILY)")).findFirst().orElseThrow();
        assertThat(gdoc.id()).isEqualTo(Ids.derived("indicator", "openioc", "0c7c902c-67f8-479c-9f44-4d985106365a"));
        assertThat(gdoc.text("modified")).contains("2013-02-10T13:00:00.000Z");
        assertThat(gdoc.text("valid_from")).contains("2013-02-10T13:00:00.000Z");
    }

    @Test
    void apt1AppendixG_itemsAreMappedOrWarned_byContextSearch() throws IOException {
        List<Path> files = iocs("apt1-mandiant/openioc-appendix-g");
        Map<String, Integer> items = itemsBySearch(files);
        assertThat(items.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(3_362);
        assertThat(items).containsAllEntriesOf(Map.of("FileItem/Md5sum", 1_797, "FileItem/PEInfo/PETimeStamp", 376,
                "FileItem/FileName", 370, "FileItem/SizeInBytes", 249, "FileItem/PEInfo/DetectedAnomalies/string", 80,
                "FileItem/StringList/string", 79, "RegistryItem/Text", 39, "RegistryItem/Path", 33, "FileItem/FullPath", 27));
        Map<String, Integer> warned = warnedBySearch(readAll(files).warnings);
        for (String mapped : List.of("FileItem/Md5sum", "FileItem/PEInfo/PETimeStamp", "FileItem/FileName",
                "FileItem/SizeInBytes", "RegistryItem/Text", "RegistryItem/Path", "FileItem/FullPath")) {
            assertThat(warned).as(mapped).doesNotContainKey(mapped);
        }
        assertThat(warned).containsEntry("FileItem/PEInfo/DetectedAnomalies/string", 80)
                .containsEntry("FileItem/StringList/string", 79);
        // Mapping is decided per Context/@search: a search is either mapped for all its items or warned for all.
        warned.forEach((search, n) -> assertThat(n).as(search).isEqualTo(items.get(search)));
        int warnedItems = warned.values().stream().mapToInt(Integer::intValue).sum();
        assertThat(warnedItems).isEqualTo(438);
        assertThat(3_362 - warnedItems).as("items mapped to STIX comparisons").isEqualTo(2_924);
    }

    @Test
    void apt1AppendixG_patternsCarryEveryDistinctMd5() throws IOException {
        CollectingSink sink = readAll(iocs("apt1-mandiant/openioc-appendix-g"));
        Set<String> md5s = new HashSet<>();
        for (StixObject i : ofType(sink, "indicator")) {
            Matcher m = MD5.matcher(i.text("pattern").orElseThrow());
            while (m.find()) {
                md5s.add(m.group(1));
            }
        }
        assertThat(md5s).hasSize(1_055);
        List<String> appendixE = Files.readAllLines(DATA.resolve("apt1-mandiant/lists/apt1-appendix-e-md5s.txt"));
        assertThat(md5s).containsAll(appendixE.stream().filter(l -> !l.isBlank()).map(String::toLowerCase).toList());
    }

    @Test
    void apt1AppendixG_familiesAndTheApt1Group_areIndicated() throws IOException {
        CollectingSink sink = readAll(iocs("apt1-mandiant/openioc-appendix-g"));
        Set<String> families = new HashSet<>();
        ofType(sink, "malware").forEach(m -> families.add(m.name().orElseThrow()));
        assertThat(families).hasSize(46).contains("GDOCUPLOAD", "WEBC2-ADSPACE", "TARSIP-ECLIPSE").doesNotContain("APT1", "APT");
        String apt1 = Ids.derived("intrusion-set", "name", "apt1");
        assertThat(ofType(sink, "intrusion-set")).hasSize(47).allSatisfy(s -> {
            assertThat(s.id()).isEqualTo(apt1);
            assertThat(s.text("created")).contains("1970-01-01T00:00:00.000Z");
        });
        List<StixObject> relationships = ofType(sink, "relationship");
        assertThat(relationships).filteredOn(r -> r.text("target_ref").orElseThrow().equals(apt1)).hasSize(47);
        assertThat(relationships).hasSize(47 + 46)
                .allSatisfy(r -> assertThat(r.text("relationship_type")).contains("indicates"));
    }

    @Test
    void mandiantIocRepository_allIndicatorsValid_andGroupsFromThreatgroupLinks() throws IOException {
        List<Path> files = iocs("openioc-mandiant");
        assertThat(files).hasSize(24);
        Map<String, Integer> items = itemsBySearch(files);
        assertThat(items.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(799);
        CollectingSink sink = readAll(files);
        assertThat(sink.rejections).isEmpty();
        assertThat(ofType(sink, "indicator")).hasSize(24)
                .allSatisfy(i -> assertThat(PatternParser.check(i.text("pattern").orElseThrow())).isEmpty());
        Map<String, Integer> warned = warnedBySearch(sink.warnings);
        for (String mapped : List.of("FileItem/Md5sum", "FileItem/FileName", "DnsEntryItem/RecordName",
                "DnsEntryItem/Host", "FileItem/FullPath", "PortItem/remoteIP", "Network/URI")) {
            assertThat(items).containsKey(mapped);
            assertThat(warned).as(mapped).doesNotContainKey(mapped);
        }
        Set<String> groups = new HashSet<>();
        ofType(sink, "intrusion-set").forEach(s -> groups.add(s.name().orElseThrow()));
        assertThat(groups).containsExactlyInAnyOrder("APT3", "APT12", "APT17", "APT18", "APT28", "APT30", "FIN4");
    }

    @Test
    void goldenIoc_givesTheExpectedStixObjectsAndWarnings() throws IOException {
        String xml = Files.readString(Path.of("src/test/resources/openioc/golden.ioc"));
        CollectingSink sink = read("golden.ioc", xml);
        ArrayNode actual = StixJson.mapper().createArrayNode();
        sink.objects.forEach(o -> actual.add(o.json()));
        JsonNode expected = StixJson.readTree(Files.readString(Path.of("src/test/resources/openioc/golden.expected.json")));
        assertThat((JsonNode) actual).isEqualTo(expected);
        assertThat(sink.warnings).extracting(Rejection::toString).containsExactly(
                "golden.ioc 3f1c0a52-6d3e-4a43-9a7e-2b1f8c1d0e01 field 'FileItem/StringList/string': IndicatorItem "
                        + "b0000000-0000-4000-8000-000000000004 (FileItem/StringList/string contains 'beacon'): "
                        + "no STIX 2.1 equivalent for FileItem/StringList/string; comparison dropped",
                "golden.ioc 3f1c0a52-6d3e-4a43-9a7e-2b1f8c1d0e01 field 'ProcessItem/HandleList/Handle/Name': IndicatorItem "
                        + "b0000000-0000-4000-8000-000000000008 (ProcessItem/HandleList/Handle/Name is 'TestRatMutex'): "
                        + "no STIX 2.1 equivalent for ProcessItem/HandleList/Handle/Name; comparison dropped",
                "golden.ioc 3f1c0a52-6d3e-4a43-9a7e-2b1f8c1d0e01: Indicator a0000000-0000-4000-8000-000000000004 (AND): "
                        + "none of its items maps to STIX; branch dropped");
        assertThat(sink.rejections).isEmpty();
    }

    @Test
    void doctype_isRejected_andTheNextDocumentStillImports() throws IOException {
        String good = Files.readString(Path.of("src/test/resources/openioc/golden.ioc"));
        String doctype = good.replace("<ioc ", "<!DOCTYPE ioc [ <!ELEMENT ioc ANY> ]>\n<ioc ");
        CollectingSink bad = read("doctype.ioc", doctype);
        assertThat(bad.objects).isEmpty();
        assertThat(bad.rejections).singleElement().satisfies(r -> assertThat(r.reason())
                .startsWith("XML with a DOCTYPE is refused (DTDs and entities are disabled against XXE and entity expansion)"));
        assertThat(read("good.ioc", good).objects).isNotEmpty();
    }

    @Test
    void externalEntity_toEtcPasswd_isRejectedWithoutReadingIt() throws IOException {
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE ioc [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
                <ioc xmlns="http://schemas.mandiant.com/2010/ioc" id="x"><short_description>&xxe;</short_description>
                <definition><Indicator operator="OR" id="i"><IndicatorItem id="j" condition="is">
                <Context search="FileItem/FileName"/><Content type="string">&xxe;</Content></IndicatorItem></Indicator></definition></ioc>
                """;
        CollectingSink sink = read("xxe.ioc", xxe);
        assertThat(sink.objects).isEmpty();
        assertThat(sink.rejections).singleElement().satisfies(r -> {
            assertThat(r.reason()).contains("DOCTYPE is refused").doesNotContain("root:");
            assertThat(r.file()).isEqualTo("xxe.ioc");
        });
    }

    @Test
    void billionLaughs_isRejected() throws IOException {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (int i = 1; i <= 9; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10)).append("\">");
        }
        String xml = "<?xml version=\"1.0\"?>\n" + dtd + "]>\n<ioc xmlns=\"http://schemas.mandiant.com/2010/ioc\" id=\"x\">&lol9;</ioc>";
        CollectingSink sink = read("lolz.ioc", xml);
        assertThat(sink.objects).isEmpty();
        assertThat(sink.rejections).singleElement().satisfies(r -> assertThat(r.reason()).contains("DOCTYPE is refused"));
    }

    @Test
    void malformedXml_isRejectedNamingLine() throws IOException {
        CollectingSink sink = read("broken.ioc", "<?xml version=\"1.0\"?>\n<ioc id=\"x\">\n<definition></ioc>");
        assertThat(sink.rejections).singleElement().satisfies(r -> assertThat(r.reason()).startsWith("malformed XML").contains("line 3"));
    }

    @Test
    void definitionWithNothingMappable_isRejected() throws IOException {
        String xml = """
                <ioc xmlns="http://schemas.mandiant.com/2010/ioc" id="only-mutex" last-modified="2015-01-01T00:00:00">
                <short_description>MUTEX ONLY</short_description>
                <definition><Indicator operator="OR" id="i"><IndicatorItem id="j" condition="is">
                <Context search="ProcessItem/HandleList/Handle/Name"/><Content type="string">m</Content></IndicatorItem></Indicator></definition></ioc>
                """;
        CollectingSink sink = read("mutex.ioc", xml);
        assertThat(sink.objects).isEmpty();
        assertThat(sink.warnings).hasSize(2);
        assertThat(sink.rejections).singleElement().satisfies(r -> {
            assertThat(r.objectId()).isEqualTo("only-mutex");
            assertThat(r.reason()).isEqualTo("no IndicatorItem of 'MUTEX ONLY' has a STIX equivalent");
        });
    }

    @Test
    void openIoc11_criteriaAndNegate_areRead() throws IOException {
        String xml = """
                <?xml version="1.0" encoding="us-ascii"?>
                <OpenIOC xmlns="http://openioc.org/schemas/OpenIOC_1.1" id="1d2b3c4d-0000-4000-8000-000000000000" last-modified="2016-01-02T03:04:05Z" published-date="0001-01-01T00:00:00">
                  <metadata><short_description>V11 (FAMILY)</short_description><authored_date>2016-01-01T00:00:00</authored_date>
                    <links><link rel="threatgroup">APT1</link></links></metadata>
                  <criteria><Indicator id="a" operator="AND">
                    <IndicatorItem id="b" condition="is" negate="true" preserve-case="false">
                      <Context document="Network" search="Network/DNS" type="mir"/><Content type="string">Good.Example.COM</Content></IndicatorItem>
                    <IndicatorItem id="c" condition="starts-with" negate="false" preserve-case="false">
                      <Context document="Network" search="Network/DNS" type="mir"/><Content type="string">c2.</Content></IndicatorItem>
                  </Indicator></criteria><parameters/>
                </OpenIOC>
                """;
        CollectingSink sink = read("v11.ioc", xml);
        StixObject indicator = ofType(sink, "indicator").get(0);
        assertThat(indicator.text("pattern")).contains("[domain-name:value != 'good.example.com' AND domain-name:value LIKE 'c2.%']");
        assertThat(indicator.text("modified")).contains("2016-01-02T03:04:05.000Z");
        assertThat(ofType(sink, "malware")).extracting(o -> o.name().orElseThrow()).containsExactly("V11");
        assertThat(ofType(sink, "intrusion-set")).extracting(o -> o.name().orElseThrow()).containsExactly("APT1");
    }

    @Test
    void recognises_iocNamesAndOpenIocNamespaces() {
        assertThat(importer.recognises("x.ioc", new byte[0])).isTrue();
        assertThat(importer.recognises("feed.xml", "<ioc xmlns=\"http://schemas.mandiant.com/2010/ioc\"".getBytes(UTF_8))).isTrue();
        assertThat(importer.recognises("feed.txt", "evil.com".getBytes(UTF_8))).isFalse();
    }
}
