package org.threatledger.ingest.openioc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.threatledger.ingest.openioc.IocDocument.Item;
import org.threatledger.pattern.PatternParser;

class ItemMappingTest {

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = '|', value = {
        "FileItem/Md5sum | is | D41D8CD98F00B204E9800998ECF8427E | file:hashes.MD5 = 'd41d8cd98f00b204e9800998ecf8427e'",
        "FileItem/FileName | isnot | a.exe | file:name != 'a.exe'",
        "FileItem/FileName | containsnot | tmp | file:name NOT LIKE '%tmp%'",
        "FileItem/FileName | starts-with | ~ | file:name LIKE '~%'",
        "FileItem/FullPath | isnot | C:\\x\\a.exe | file:parent_directory_ref.path != 'C:\\\\x' OR file:name != 'a.exe'",
        "FileItem/FullPath | contains | a.exe | file:parent_directory_ref.path LIKE '%a.exe%' OR file:name LIKE '%a.exe%'",
        "FileItem/FullPath | containsnot | Temp\\a.exe | file:parent_directory_ref.path NOT LIKE '%Temp\\\\a.exe%' AND (file:parent_directory_ref.path NOT LIKE '%Temp' OR file:name NOT LIKE 'a.exe%')",
        "FileItem/SizeInBytes | greater-than | 100 | file:size > 100",
        "FileItem/PEInfo/PETimeStamp | is | 2010-01-02T03:04:05 | file:extensions.'windows-pebinary-ext'.time_date_stamp = t'2010-01-02T03:04:05Z'",
        "PortItem/remoteIP | is | 2001:DB8::0:1 | network-traffic:dst_ref.value = '2001:db8::1'",
        "PortItem/remoteIP | is | 10.0.0.0/8 | network-traffic:dst_ref.value ISSUBSET '10.0.0.0/8'",
        "DnsEntryItem/Host | is | Evil.EXAMPLE. | domain-name:value = 'evil.example'",
        "RegistryItem/KeyPath | is | Software\\Run | windows-registry-key:key LIKE '%\\\\Software\\\\Run'",
        "Network/URI | is | /gate.php | network-traffic:extensions.'http-request-ext'.request_value = '/gate.php'",
        "Network/URI | contains | gate | url:value LIKE '%gate%'",
        "Email/From | is | a@b.example | email-message:from_ref.value = 'a@b.example'",
    })
    void item_mapsToAValidStixComparison(String search, String condition, String content, String expected) throws Exception {
        ItemMapping.Comparison c = ItemMapping.map(new Item("i", condition, false, search, "string", content));
        assertThat(c.text()).isEqualTo(expected);
        assertThat(PatternParser.check("[" + c.text() + "]")).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = '|', value = {
        "FileItem/StringList/string | contains | x | no STIX 2.1 equivalent for FileItem/StringList/string",
        "FileItem/SizeInBytes | contains | 12 | condition 'contains' does not apply to 12",
        "FileItem/SizeInBytes | is | twelve | 'twelve' is not an integer",
        "FileItem/Md5sum | is | abc | 'abc' is not a valid md5 (32 hex digits)",
        "FileItem/FullPath | starts-with | C:\\ | condition 'starts-with' on a full path has no exact STIX form",
        "FileItem/FileName | within | x | condition 'within' has no STIX operator",
    })
    void item_withoutStixEquivalent_isUnmappableWithReason(String search, String condition, String content, String reason) {
        assertThatThrownBy(() -> ItemMapping.map(new Item("i", condition, false, search, "string", content)))
                .isInstanceOf(ItemMapping.Unmappable.class).hasMessage(reason);
    }
}
