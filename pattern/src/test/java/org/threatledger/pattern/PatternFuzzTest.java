package org.threatledger.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzing {@link PatternParser#parse}: any input either parses to a pattern whose canonical text
 * parses back to it, or is rejected with a {@link PatternException}; nothing else escapes. Runs
 * the seed corpus in {@code PatternFuzzTestInputs/} as a regression test in every build; fuzz for
 * real with {@code JAZZER_FUZZ=1 ./mvnw -pl pattern -am test -Dtest=PatternFuzzTest}.
 */
class PatternFuzzTest {

    @FuzzTest
    void parse_throwsOnlyPatternException(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        Pattern pattern;
        try {
            pattern = PatternParser.parse(text);
        } catch (PatternException expected) {
            return;
        }
        assertThat(PatternParser.parse(pattern.toString())).isEqualTo(pattern);
    }
}
