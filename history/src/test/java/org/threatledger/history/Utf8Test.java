package org.threatledger.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8Test {
    @Test
    void encoding_isByteForByteStringGetBytes_forAnyString() {
        qt().withExamples(5000).forAll(strings().allPossible().ofLengthBetween(0, 20)).checkAssert(s -> {
            byte[] expected = s.getBytes(StandardCharsets.UTF_8);
            byte[] actual = new byte[Utf8.length(s)];
            assertThat(Utf8.encode(s, actual, 0)).isEqualTo(actual.length);
            assertThat(actual).isEqualTo(expected);
        });
    }

    @Test
    void reversedLabels_areTheLabelsInReverseOrder_andReverseBackToTheInput() {
        qt().withExamples(2000).forAll(strings().basicLatinAlphabet().ofLengthBetween(0, 30)).checkAssert(s -> {
            byte[] b = s.getBytes(StandardCharsets.US_ASCII);
            assertThat(Keys.reverseLabels(Keys.reverseLabels(b, 0, b.length), 0, b.length)).isEqualTo(b);
        });
        qt().withExamples(2000).forAll(strings().betweenCodePoints('-', '/').ofLengthBetween(0, 12)).checkAssert(s -> {
            java.util.List<String> labels = new java.util.ArrayList<>(java.util.Arrays.asList(s.split("\\.", -1)));
            java.util.Collections.reverse(labels);
            byte[] b = s.getBytes(StandardCharsets.US_ASCII);
            byte[] out = new byte[b.length + 2];
            Keys.reverseLabels(b, 0, b.length, out, 1);
            assertThat(new String(out, 1, b.length, StandardCharsets.US_ASCII)).isEqualTo(String.join(".", labels));
        });
        byte[] d = "a.evil.com".getBytes(StandardCharsets.US_ASCII);
        assertThat(new String(Keys.reverseLabels(d, 0, d.length), StandardCharsets.US_ASCII)).isEqualTo("com.evil.a");
    }
}
