package org.threatledger.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Comparison expressions against one record (STIX 2.1 §9.5), through the stateless fast path. */
class ComparisonTest {

    private static boolean matches(String pattern, Observed record) {
        CompiledPattern compiled = CompiledPattern.parse(pattern);
        assertThat(compiled.isSingleObservation()).isTrue();
        return compiled.matches(record);
    }

    private static MapObserved file() {
        return MapObserved.at(1_000).with("file:name", "foo.dll").with("file:size", 3000L)
                .with("file:hashes.'SHA-256'", "aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f")
                .with("file:created", Instant.parse("2014-01-13T07:03:17Z"))
                .with("file:magic_number_hex", "FFD8")
                .with("file:x_entropy", 7.25)
                .with("file:x_signed", true)
                .with("file:x_tags[*]", "alpha", "beta", "gamma");
    }

    @Test
    void equal_string_matchesExactlyAndCaseSensitively() {
        assertThat(matches("[file:name = 'foo.dll']", file())).isTrue();
        assertThat(matches("[file:name = 'FOO.dll']", file())).isFalse();
        assertThat(matches("[file:name != 'bar.dll']", file())).isTrue();
        assertThat(matches("[file:name != 'foo.dll']", file())).isFalse();
    }

    @Test
    void ordering_integersAndFloatsCompareAcrossTypes() {
        assertThat(matches("[file:size > 2048]", file())).isTrue();
        assertThat(matches("[file:size >= 2048 AND file:size <= 4096]", file())).isTrue();
        assertThat(matches("[file:size < 1024]", file())).isFalse();
        assertThat(matches("[file:size = 3000.0]", file())).isTrue();
        assertThat(matches("[file:x_entropy > 7.0]", file())).isTrue();
        assertThat(matches("[file:x_entropy > 7]", file())).isTrue();
        assertThat(matches("[file:x_entropy <= 7]", file())).isFalse();
    }

    @Test
    void typeMismatch_neverMatches_evenNegatedOrNotEqual() {
        assertThat(matches("[file:size = '3000']", file())).isFalse();
        assertThat(matches("[file:size != '3000']", file())).isFalse();
        assertThat(matches("[file:size NOT = '3000']", file())).isFalse();
        assertThat(matches("[file:name > 5]", file())).isFalse();
        assertThat(matches("[file:name < 5]", file())).isFalse();
        assertThat(matches("[file:x_signed = 'true']", file())).isFalse();
        assertThat(matches("[file:name = true]", file())).isFalse();
    }

    @Test
    void missingProperty_neverMatches_negatedOrNot() {
        assertThat(matches("[file:mime_type = 'application/pdf']", file())).isFalse();
        assertThat(matches("[file:mime_type != 'application/pdf']", file())).isFalse();
        assertThat(matches("[file:mime_type NOT = 'application/pdf']", file())).isFalse();
        assertThat(matches("[file:mime_type NOT IN ('a', 'b')]", file())).isFalse();
        assertThat(matches("[file:mime_type NOT LIKE '%']", file())).isFalse();
    }

    @Test
    void not_negatesTheOperator() {
        assertThat(matches("[file:name NOT = 'foo.dll']", file())).isFalse();
        assertThat(matches("[file:name NOT = 'bar.dll']", file())).isTrue();
        assertThat(matches("[file:size NOT > 2048]", file())).isFalse();
        assertThat(matches("[file:name NOT IN ('foo.dll', 'bar.dll')]", file())).isFalse();
        assertThat(matches("[file:name NOT IN ('bar.dll')]", file())).isTrue();
    }

    @Test
    void boolean_comparesForEquality() {
        assertThat(matches("[file:x_signed = true]", file())).isTrue();
        assertThat(matches("[file:x_signed = false]", file())).isFalse();
        assertThat(matches("[file:x_signed != false]", file())).isTrue();
    }

    @Test
    void timestamp_comparesWithInstantsAndTimestampStrings() {
        assertThat(matches("[file:created = t'2014-01-13T07:03:17Z']", file())).isTrue();
        assertThat(matches("[file:created = t'2014-01-13T07:03:17.000Z']", file())).isTrue();
        assertThat(matches("[file:created < t'2015-01-01T00:00:00Z']", file())).isTrue();
        MapObserved text = MapObserved.at(0).with("file:created", "2014-01-13T07:03:17.5Z");
        assertThat(matches("[file:created > t'2014-01-13T07:03:17Z']", text)).isTrue();
        MapObserved notATimestamp = MapObserved.at(0).with("file:created", "yesterday");
        assertThat(matches("[file:created != t'2014-01-13T07:03:17Z']", notATimestamp)).isFalse();
        assertThat(matches("[file:created = '2014-01-13T07:03:17Z']", file())).isFalse(); // a string is no timestamp
    }

    @Test
    void anyValueOfAList_satisfiesTheComparison() {
        assertThat(matches("[file:x_tags[*] = 'beta']", file())).isTrue();
        assertThat(matches("[file:x_tags[*] = 'delta']", file())).isFalse();
        assertThat(matches("[file:x_tags[*] != 'alpha']", file())).isTrue(); // beta is not alpha
        assertThat(matches("[file:x_tags[1] = 'beta']", file())).isTrue();
        assertThat(matches("[file:x_tags[0] = 'beta']", file())).isFalse();
        assertThat(matches("[file:x_tags[7] = 'beta']", file())).isFalse();
    }

    @Test
    void in_matchesAnyElement_ofMixedTypes() {
        assertThat(matches("[file:size IN (1, 3000, 'x')]", file())).isTrue();
        assertThat(matches("[file:size IN (1, 2)]", file())).isFalse();
        assertThat(matches("[file:size IN ('3000')]", file())).isFalse();
        assertThat(matches("[file:name IN ('proccy', 'foo.dll')]", file())).isTrue();
        assertThat(matches("[file:name IN ()]", file())).isFalse();
    }

    @Test
    void exists_needsAValue() {
        assertThat(matches("[EXISTS file:name]", file())).isTrue();
        assertThat(matches("[EXISTS file:mime_type]", file())).isFalse();
    }

    @Test
    void hexLiteral_comparesWithHexTextOfAnHexProperty_andWithBytes() {
        assertThat(matches("[file:magic_number_hex = h'ffd8']", file())).isTrue();
        assertThat(matches("[file:magic_number_hex = h'ffd9']", file())).isFalse();
        assertThat(matches("[file:magic_number_hex < h'ffd9']", file())).isTrue();
        MapObserved bytes = MapObserved.at(0).with("artifact:payload_bin", "this is a test".getBytes(StandardCharsets.US_ASCII));
        assertThat(matches("[artifact:payload_bin = b'dGhpcyBpcyBhIHRlc3Q=']", bytes)).isTrue();
        assertThat(matches("[artifact:payload_bin = h'74686973206973206120746573']", bytes)).isFalse();
        assertThat(matches("[artifact:payload_bin = 'this is a test']", bytes)).isTrue();
        MapObserved base64Text = MapObserved.at(0).with("artifact:payload_bin", "dGhpcyBpcyBhIHRlc3Q=");
        assertThat(matches("[artifact:payload_bin = b'dGhpcyBpcyBhIHRlc3Q=']", base64Text)).isTrue();
        MapObserved badHex = MapObserved.at(0).with("file:magic_number_hex", "zz");
        assertThat(matches("[file:magic_number_hex != h'ffd8']", badHex)).isFalse();
    }

    @Test
    void like_percentIsAnyRun_underscoreIsOneCharacter_backslashIsLiteral() {
        MapObserved dir = MapObserved.at(0).with("directory:path", "C:\\Windows\\System32\\foo");
        assertThat(matches("[directory:path LIKE 'C:\\\\Windows\\\\%\\\\foo']", dir)).isTrue();
        assertThat(matches("[directory:path LIKE 'C:\\\\Windows\\\\%']", dir)).isTrue();
        assertThat(matches("[directory:path LIKE '%foo']", dir)).isTrue();
        assertThat(matches("[directory:path LIKE '%fo']", dir)).isFalse();
        assertThat(matches("[directory:path LIKE 'C:\\\\Windows\\\\System3_\\\\foo']", dir)).isTrue();
        assertThat(matches("[directory:path LIKE 'C:\\\\Windows\\\\System_\\\\foo']", dir)).isFalse();
        assertThat(matches("[directory:path LIKE '%']", dir)).isTrue();
        assertThat(matches("[directory:path LIKE '%%%Sys%32%%']", dir)).isTrue();
        assertThat(matches("[directory:path LIKE 'c:%']", dir)).isFalse();
        MapObserved literal = MapObserved.at(0).with("file:name", "100%_done");
        assertThat(matches("[file:name LIKE '100\\\\%']", literal)).isFalse(); // no escape: backslash is literal
        assertThat(matches("[file:name LIKE '100%_done']", literal)).isTrue();
        MapObserved emoji = MapObserved.at(0).with("file:name", "a\uD83D\uDE00b");
        assertThat(matches("[file:name LIKE 'a_b']", emoji)).isTrue(); // _ is one code point
        assertThat(matches("[file:size LIKE '3%']", file())).isFalse();
    }

    @Test
    void like_manyPercents_onALongValue_isNotExponential() {
        MapObserved record = MapObserved.at(0).with("file:name", "a".repeat(20_000));
        assertThat(matches("[file:name LIKE '%a%a%a%a%a%a%a%a%a%a%a%a%b%']", record)).isFalse();
    }

    @Test
    void matches_findsTheRegexAnywhere_unlessAnchored() {
        MapObserved mail = MapObserved.at(0).with("email-message:from_ref.value", "jdoe@example.com");
        assertThat(matches("[email-message:from_ref.value MATCHES '.+\\\\@example\\\\.com$']", mail)).isTrue();
        assertThat(matches("[email-message:from_ref.value MATCHES 'example']", mail)).isTrue();
        assertThat(matches("[email-message:from_ref.value MATCHES '^example']", mail)).isFalse();
        assertThat(matches("[email-message:from_ref.value NOT MATCHES '^example']", mail)).isTrue();
        assertThat(matches("[file:size MATCHES '3']", file())).isFalse();
    }

    @Test
    void matches_onBinary_seesOneCharacterPerByte() {
        byte[] pcap = HexFormat.of().parseHex("d4c3b2a1020004000000");
        MapObserved artifact = MapObserved.at(0).with("artifact:mime_type", "application/vnd.tcpdump.pcap")
                .with("artifact:payload_bin", (Object) pcap);
        assertThat(matches("[artifact:mime_type = 'application/vnd.tcpdump.pcap' AND "
                + "artifact:payload_bin MATCHES '\\\\xd4\\\\xc3\\\\xb2\\\\xa1\\\\x02\\\\x00\\\\x04\\\\x00']", artifact)).isTrue();
        assertThat(matches("[artifact:payload_bin MATCHES '^\\\\xd5']", artifact)).isFalse();
    }

    @Test
    void matches_pathologicalRegex_onALongValue_returnsBecauseRe2IsLinear() {
        MapObserved record = MapObserved.at(0).with("file:name", "a".repeat(100_000) + "!");
        assertThat(matches("[file:name MATCHES '(a+)+$']", record)).isFalse();
        assertThat(matches("[file:name MATCHES '(a+)+!$']", record)).isTrue();
        assertThat(matches("[file:name MATCHES '^(a+)+$']", record)).isFalse();
        assertThat(matches("[file:name MATCHES '^(a|aa)+$']", record)).isFalse();
    }

    @Test
    void strings_compareAfterNfcNormalisation() {
        MapObserved decomposed = MapObserved.at(0).with("file:name", "d\u0323\u0307");
        assertThat(matches("[file:name = '\u1e0d\u0307']", decomposed)).isTrue();
        assertThat(matches("[file:name IN ('\u1e0d\u0307')]", decomposed)).isTrue();
        assertThat(matches("[file:name LIKE '\u1e0d_']", decomposed)).isTrue();
        assertThat(matches("[file:name MATCHES '^\u1e0d\u0307$']", decomposed)).isTrue();
    }

    @Test
    void strings_orderByCodePoint() {
        MapObserved astral = MapObserved.at(0).with("file:name", "\uD83D\uDE00"); // U+1F600
        assertThat(matches("[file:name > '\uFFFD']", astral)).isTrue();
        assertThat(matches("[file:name < 'b']", MapObserved.at(0).with("file:name", "a"))).isTrue();
        assertThat(matches("[file:name < 'ab']", MapObserved.at(0).with("file:name", "a"))).isTrue();
    }

    @Test
    void isSubset_ipv4AddressesAndBlocks() {
        MapObserved ip = MapObserved.at(0).with("ipv4-addr:value", "198.51.100.77");
        assertThat(matches("[ipv4-addr:value ISSUBSET '198.51.100.0/24']", ip)).isTrue();
        assertThat(matches("[ipv4-addr:value ISSUBSET '198.51.101.0/24']", ip)).isFalse();
        assertThat(matches("[ipv4-addr:value ISSUBSET '198.51.100.77']", ip)).isTrue();
        assertThat(matches("[ipv4-addr:value ISSUBSET '0.0.0.0/0']", ip)).isTrue();
        assertThat(matches("[ipv4-addr:value NOT ISSUBSET '198.51.100.0/24']", ip)).isFalse();
        assertThat(matches("[ipv4-addr:value ISSUBSET '198.51.100.1/24']", ip)).isTrue(); // host bits masked
        MapObserved block = MapObserved.at(0).with("ipv4-addr:value", "198.51.100.0/25");
        assertThat(matches("[ipv4-addr:value ISSUBSET '198.51.100.0/24']", block)).isTrue();
        assertThat(matches("[ipv4-addr:value ISSUBSET '198.51.100.0/26']", block)).isFalse();
        assertThat(matches("[ipv4-addr:value ISSUBSET '198.51.100.0/24']",
                MapObserved.at(0).with("ipv4-addr:value", "not an ip"))).isFalse();
        assertThat(matches("[ipv4-addr:value NOT ISSUBSET '198.51.100.0/24']",
                MapObserved.at(0).with("ipv4-addr:value", "2001:db8::1"))).isFalse(); // other family: no answer
    }

    @Test
    void isSuperset_theValueBlockHoldsTheConstant() {
        MapObserved block = MapObserved.at(0).with("ipv4-addr:value", "198.51.0.0/16");
        assertThat(matches("[ipv4-addr:value ISSUPERSET '198.51.100.0/24']", block)).isTrue();
        assertThat(matches("[ipv4-addr:value ISSUPERSET '198.0.0.0/8']", block)).isFalse();
        assertThat(matches("[ipv4-addr:value ISSUPERSET '198.51.100.0/24']",
                MapObserved.at(0).with("ipv4-addr:value", "198.51.100.7"))).isFalse();
    }

    @Test
    void isSubset_ipv6_withCompressionAndEmbeddedIpv4() {
        MapObserved ip = MapObserved.at(0).with("network-traffic:dst_ref.value", "2001:db8:dead:beef::1");
        assertThat(matches("[network-traffic:dst_ref.value ISSUBSET '2001:0db8:dead:beef:0000:0000:0000:0000/64']", ip)).isTrue();
        assertThat(matches("[network-traffic:dst_ref.value ISSUBSET '2001:db8:dead:bee0::/60']", ip)).isTrue();
        assertThat(matches("[network-traffic:dst_ref.value ISSUBSET '2001:db8:dead:bef0::/60']", ip)).isFalse();
        assertThat(matches("[network-traffic:dst_ref.value ISSUBSET '2001:db8:dead:beef::1/128']", ip)).isTrue();
        assertThat(matches("[network-traffic:dst_ref.value ISSUBSET '2001:db8:dead:beef::/127']", ip)).isTrue();
        assertThat(matches("[network-traffic:dst_ref.value ISSUBSET '2001:db8:dead:beef::2/127']", ip)).isFalse();
        MapObserved mapped = MapObserved.at(0).with("ipv6-addr:value", "::ffff:192.0.2.128");
        assertThat(matches("[ipv6-addr:value ISSUBSET '::ffff:192.0.2.0/120']", mapped)).isTrue();
        assertThat(matches("[ipv6-addr:value ISSUBSET '::ffff:192.0.3.0/120']", mapped)).isFalse();
        assertThat(matches("[ipv6-addr:value ISSUBSET '::/0']", mapped)).isTrue();
    }

    @Test
    void comparisonAndOr_allTestedAgainstTheSameRecord() {
        MapObserved record = MapObserved.at(0).with("file:name", "pdf.exe")
                .with("file:created", Instant.parse("2014-01-13T07:03:17Z"));
        assertThat(matches("[(file:name = 'pdf.exe' OR file:size = 371712) AND file:created = t'2014-01-13T07:03:17Z']", record)).isTrue();
        assertThat(matches("[file:name = 'pdf.exe' AND file:size = 371712]", record)).isFalse();
        MapObserved conn = MapObserved.at(0).with("network-traffic:src_port", 37020L).with("user-account:user_id", "root");
        assertThat(matches("[network-traffic:src_port = 37020 AND user-account:user_id = 'root']", conn)).isTrue();
        assertThat(matches("[network-traffic:src_port = 37020 AND user-account:user_id = 'root']",
                MapObserved.at(0).with("network-traffic:src_port", 37020L))).isFalse();
    }

    @Test
    void compile_refusesAnOperandTheEvaluatorCannotUse() {
        Pattern badCidr = new Pattern(new ObservationExpression.Observation(new ComparisonExpression.Comparison(
                ObjectPath.of("ipv4-addr", "value"), Operator.IS_SUBSET, false, new Literal.StringLiteral("10.0.0.0/33"))));
        assertThatThrownBy(() -> CompiledPattern.compile(badCidr)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("10.0.0.0/33");
    }
}
