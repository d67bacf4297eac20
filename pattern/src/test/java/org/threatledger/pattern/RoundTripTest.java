package org.threatledger.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import org.junit.jupiter.api.Test;

/** Canonical text is a faithful serialisation: print, parse, and the tree is the same. */
class RoundTripTest {

    @Test
    void randomPattern_printedAndParsed_isEqual() {
        qt().withExamples(3000).forAll(RandomPatterns.patterns()).checkAssert(pattern -> {
            String text = pattern.toString();
            assertThat(PatternParser.parse(text)).as(text).isEqualTo(pattern);
        });
    }

    @Test
    void randomPattern_canonicalTextIsStable() {
        qt().withExamples(500).forAll(RandomPatterns.patterns()).checkAssert(pattern ->
                assertThat(PatternParser.parse(pattern.toString()).toString()).isEqualTo(pattern.toString()));
    }

    @Test
    void flatChains_andParenthesisedChains_areDifferentTrees() {
        Pattern flat = PatternParser.parse("[a-b:c = 1] AND [a-b:c = 2] AND [a-b:c = 3]");
        Pattern nested = PatternParser.parse("[a-b:c = 1] AND ([a-b:c = 2] AND [a-b:c = 3])");
        assertThat(flat).isNotEqualTo(nested);
        assertThat(nested.toString()).isEqualTo("[a-b:c = 1] AND ([a-b:c = 2] AND [a-b:c = 3])");
    }

    @Test
    void precedence_qualifierBindsTighterThanAnd_andAndTighterThanOrAndFollowedBy() {
        Pattern p = PatternParser.parse("[a-b:c = 1] OR [a-b:c = 2] AND [a-b:c = 3] WITHIN 5 SECONDS FOLLOWEDBY [a-b:c = 4]");
        ObservationExpression.FollowedBy top = (ObservationExpression.FollowedBy) p.expression();
        ObservationExpression.Or or = (ObservationExpression.Or) top.operands().get(0);
        ObservationExpression.And and = (ObservationExpression.And) or.operands().get(1);
        assertThat(and.operands().get(1)).isInstanceOf(ObservationExpression.Qualified.class);
        assertThat(p.toString()).isEqualTo("[a-b:c = 1] OR [a-b:c = 2] AND [a-b:c = 3] WITHIN 5 SECONDS FOLLOWEDBY [a-b:c = 4]");
    }

    @Test
    void canonicalText_normalisesSpellings() {
        assertThat(PatternParser.parse("[file:'name'=='a'AND file:size<>+5]").toString())
                .isEqualTo("[file:name = 'a' AND file:size != 5]");
        assertThat(PatternParser.parse("[file:hashes.'SHA-256' = h'FFD8' OR file:x = -.5]").toString())
                .isEqualTo("[file:hashes.'SHA-256' = h'ffd8' OR file:x = -0.5]");
        assertThat(PatternParser.parse("[a-b:c = 1] WITHIN 300.00 SECONDS").toString())
                .isEqualTo("[a-b:c = 1] WITHIN 300 SECONDS");
        assertThat(PatternParser.parse("[file:created = t'2016-01-01T00:00:00.000Z'] /* note */").toString())
                .isEqualTo("[file:created = t'2016-01-01T00:00:00Z']");
        assertThat(PatternParser.parse("[file:extensions.windows-pebinary-ext.sections[*].entropy > 7.0]").toString())
                .isEqualTo("[file:extensions.'windows-pebinary-ext'.sections[*].entropy > 7.0]");
    }

    @Test
    void stringLiteral_unescapesQuoteAndBackslash() {
        ComparisonExpression.Comparison c = (ComparisonExpression.Comparison)
                ((ObservationExpression.Observation) PatternParser.parse("[file:name = 'it\\'s C:\\\\x']").expression()).comparison();
        assertThat(c.value()).isEqualTo(new Literal.StringLiteral("it's C:\\x"));
        assertThat(c.path()).isEqualTo(ObjectPath.of("file", "name"));
    }
}
