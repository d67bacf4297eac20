package org.threatledger.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AnchorsTest {

    private static List<Anchor> anchors(String pattern) {
        return List.copyOf(Anchors.of(PatternParser.parse(pattern)));
    }

    private static Anchor eq(String type, String property, Literal value) {
        return new Anchor.Equality(ObjectPath.of(type, property), value);
    }

    private static Literal s(String value) {
        return new Literal.StringLiteral(value);
    }

    @Test
    void singleEquality_isTheAnchor() {
        assertThat(anchors("[domain-name:value = 'example.com']"))
                .containsExactly(eq("domain-name", "value", s("example.com")));
    }

    @Test
    void orInsideBrackets_needsBothSides() {
        assertThat(anchors("[domain-name:value = 'a.example' OR ipv4-addr:value = '198.51.100.1']"))
                .containsExactly(eq("domain-name", "value", s("a.example")), eq("ipv4-addr", "value", s("198.51.100.1")));
    }

    @Test
    void andInsideBrackets_takesTheEqualitySide_overATypeOnlySide() {
        assertThat(anchors("[file:size > 1000 AND file:name = 'a.exe']"))
                .containsExactly(eq("file", "name", s("a.exe")));
    }

    @Test
    void andInsideBrackets_takesTheSideWithFewerValues() {
        assertThat(anchors("[(file:name = 'a' OR file:name = 'b') AND file:size = 5]"))
                .containsExactly(eq("file", "size", new Literal.IntegerLiteral(5)));
    }

    @Test
    void comparisonsWithoutEquality_anchorOnlyTheType() {
        for (String pattern : List.of("[file:name != 'a']", "[file:name LIKE 'a%']", "[file:name NOT = 'a']",
                "[file:name MATCHES '^a']", "[file:size >= 5]", "[EXISTS file:name]", "[file:name NOT IN ('a')]",
                "[file:name IN ()]", "[ipv4-addr:value ISSUPERSET '198.51.100.7/32']")) {
            String type = pattern.contains("ipv4") ? "ipv4-addr" : "file";
            assertThat(anchors(pattern)).as(pattern).containsExactly(new Anchor.TypeOnly(type));
        }
    }

    @Test
    void in_givesOneEqualityPerElement() {
        assertThat(anchors("[network-traffic:dst_port IN (80, 443)]")).containsExactly(
                eq("network-traffic", "dst_port", new Literal.IntegerLiteral(80)),
                eq("network-traffic", "dst_port", new Literal.IntegerLiteral(443)));
    }

    @Test
    void isSubset_givesASubnetAnchor() {
        assertThat(anchors("[ipv4-addr:value ISSUBSET '10.0.0.0/8']"))
                .containsExactly(new Anchor.Subnet(ObjectPath.of("ipv4-addr", "value"), "10.0.0.0/8"));
    }

    @Test
    void typeOnly_absorbsValueAnchorsOfTheSameType() {
        assertThat(anchors("[file:name = 'a' OR file:size > 1 OR url:value = 'http://x']"))
                .containsExactly(new Anchor.TypeOnly("file"), eq("url", "value", s("http://x")));
    }

    @Test
    void observationAndFollowedBy_takeTheMostSelectiveObservation() {
        assertThat(anchors("[file:size > 5] AND [url:value = 'http://x']"))
                .containsExactly(eq("url", "value", s("http://x")));
        assertThat(anchors("[process:name LIKE 'a%'] FOLLOWEDBY [file:name = 'b'] WITHIN 60 SECONDS"))
                .containsExactly(eq("file", "name", s("b")));
    }

    @Test
    void observationOr_andQualifiers_keepEverySide() {
        assertThat(anchors("([file:name = 'a'] OR [url:value = 'u']) REPEATS 3 TIMES"))
                .containsExactly(eq("file", "name", s("a")), eq("url", "value", s("u")));
    }

    @Test
    void anchorPaths_keepNestedStepsAndIndexes() {
        Anchor anchor = anchors("[file:hashes.'SHA-256' = 'aa' AND file:x[*].y > 1]").getFirst();
        assertThat(((Anchor.Equality) anchor).path().toString()).isEqualTo("file:hashes.'SHA-256'");
    }

    @Test
    void everyPattern_hasAtLeastOneAnchor_onATypeItMentions() {
        qt().withExamples(1000).forAll(RandomPatterns.patterns()).checkAssert(pattern -> {
            Set<Anchor> anchors = Anchors.of(pattern);
            assertThat(anchors).isNotEmpty();
            anchors.forEach(a -> assertThat(pattern.toString()).contains(a.objectType() + ":"));
        });
    }
}
