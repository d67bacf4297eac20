package org.threatledger.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Invalid patterns are rejected with a message that names the problem and its column. */
class InvalidPatternTest {

    private static PatternException rejected(String text) {
        try {
            PatternParser.parse(text);
        } catch (PatternException e) {
            return e;
        }
        throw new AssertionError("accepted: " + text);
    }

    @Test
    void missingClosingBracket_expectsBracketAtEnd() {
        PatternException e = rejected("[file:name = 'foo.dll'");
        assertThat(e.getMessage()).isEqualTo("expected ']' at column 23, found end of pattern");
        assertThat(e.column()).isEqualTo(23);
    }

    @Test
    void incompletePattern_namesWhatWasExpected() {
        assertThat(rejected("[file:name = 'a'] AND [file:name = 'b' OR").getMessage())
                .isEqualTo("expected a name or 'EXISTS' or '(' at column 42, found end of pattern");
        assertThat(rejected("[domain-name:value = 'example.com' [").getMessage())
                .isEqualTo("expected ']' at column 36, found '['");
    }

    @Test
    void unknownOperator_expectsAComparisonOperator() {
        assertThat(rejected("[file:name CONTAINS 'foo']").getMessage())
                .isEqualTo("expected a comparison operator or 'NOT' at column 12, found 'CONTAINS'");
    }

    @Test
    void lowerCaseKeyword_isRejectedWithAHint() {
        PatternException e = rejected("[file:name = 'a' and file:size = 1]");
        assertThat(e.column()).isEqualTo(18);
        assertThat(e.getMessage()).contains("found 'and' (keywords are upper case: AND)");
        assertThat(rejected("[file:name = 'a'] within 5 SECONDS").getMessage())
                .contains("at column 19").contains("keywords are upper case: WITHIN");
    }

    @Test
    void unterminatedString_pointsAtItsOpeningQuote() {
        assertThat(rejected("[file:name = 'foo.dll]").getMessage())
                .startsWith("unterminated string at column 14");
    }

    @Test
    void invalidTimestamp_isRejected() {
        PatternException e = rejected("[file:created = t'2016-13-01T00:00:00Z']");
        assertThat(e.reason()).isEqualTo("invalid timestamp");
        assertThat(e.column()).isEqualTo(17);
        assertThat(rejected("[file:created > t'2016-01-01 00:00:00']").column()).isEqualTo(17);
        assertThat(rejected("[file:created > t'2016-01-01T00:00:00+02:00']").column()).isEqualTo(17);
    }

    @Test
    void startAfterStop_isRejectedAtStart() {
        PatternException e = rejected(
                "[file:name = 'a'] START t'2016-07-01T00:00:00Z' STOP t'2016-06-01T00:00:00Z'");
        assertThat(e.reason()).isEqualTo("START must be before STOP");
        assertThat(e.column()).isEqualTo(19);
        assertThat(rejected("[file:name = 'a'] START t'2016-07-01T00:00:00Z' STOP t'2016-07-01T00:00:00Z'")
                .reason()).isEqualTo("START must be before STOP");
    }

    @Test
    void objectPathWithoutProperty_isRejected() {
        assertThat(rejected("[file = 'foo.dll']").getMessage()).isEqualTo("expected ':' at column 7, found '='");
        assertThat(rejected("[file: = 'foo.dll']").getMessage()).startsWith("expected a name or a string at column 8");
    }

    @Test
    void matchesWithARegexRe2CannotCompile_isRejected() {
        PatternException e = rejected("[file:name MATCHES 'a(b']");
        assertThat(e.reason()).isEqualTo("invalid regular expression for MATCHES");
        assertThat(e.column()).isEqualTo(20);
        // back-references are not linear-time, so RE2 refuses them
        assertThat(rejected("[file:name MATCHES '(a)\\\\1']").reason()).isEqualTo("invalid regular expression for MATCHES");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "[file:name IN 'a.exe']                        | IN needs a set of values such as ('a', 'b')                 | 15",
        "[file:name = ('a', 'b')]                      | only IN takes a set of values                               | 14",
        "[ipv4-addr:value ISSUBSET 10]                 | 'ISSUBSET' needs a string holding a CIDR such as '198.51.100.0/24' | 27",
        "[ipv4-addr:value ISSUPERSET true]             | 'ISSUPERSET' needs a string holding a CIDR such as '198.51.100.0/24' | 29",
        "[ipv4-addr:value ISSUBSET 'example.com']      | 'ISSUBSET' needs an IP address or CIDR                      | 27",
        "[ipv6-addr:value ISSUPERSET '2001:db8::/200'] | 'ISSUPERSET' needs an IP address or CIDR                    | 29",
        "[file:name LIKE 5]                            | 'LIKE' needs a string                                       | 17",
        "[file:name MATCHES h'ff']                     | 'MATCHES' needs a string                                    | 20",
        "[file:size > true]                            | '>' cannot compare a boolean                                | 14",
        "[file:name = 'a'] WITHIN 0 SECONDS            | WITHIN needs a positive number of seconds                   | 26",
        "[file:name = 'a'] WITHIN -5 SECONDS           | WITHIN needs a positive number of seconds                   | 26",
        "[file:name = 'a'] REPEATS 0 TIMES             | REPEATS needs a positive whole number of times              | 27",
        "[file:name = 'a'] REPEATS 1.5 TIMES           | REPEATS needs a positive whole number of times              | 27",
        "[File:name = 'a']                             | invalid object type 'File'                                  | 2",
        "[x_custom:name = 'a']                         | invalid object type 'x_custom'                              | 2",
        "[ab:name = 'a']                               | invalid object type 'ab'                                    | 2",
        "[file:parent-ref = 'a']                       | invalid property name 'parent-ref'                          | 7",
        "[file:name = 'a\\nb']                         | invalid escape '\\n' in string                              | 16",
        "[artifact:payload_bin = b'abc']               | invalid binary literal                                      | 25",
        "[file:magic_number_hex = h'fff']              | invalid hex literal                                         | 26",
        "[file:x[-1] = 'a']                            | list index must be 0 or more, or *                          | 9",
        "[file:size = 99999999999999999999]            | integer out of range                                        | 14",
        "[file:hashes.'' = 'a']                        | empty key in object path                                    | 14",
    })
    void semanticRule_isEnforcedAtTheOffendingToken(String text, String reason, int column) {
        PatternException e = rejected(text);
        assertThat(e.reason()).isEqualTo(reason);
        assertThat(e.column()).isEqualTo(column);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "\"\"                               | 1",
        "file:name = 'a'                    | 1",
        "[file:name = 'a'] [file:name = 'b'] | 19",
        "[NOT EXISTS file:name]             | 2",
        "[file:name = 'a'] WITHIN 5 HOURS   | 28",
        "[file:name = 'a'] ?                | 19",
        "[file:name NOT NOT = 'a']          | 16",
        "[file:name = 'a'] AND              | 22",
        "[]                                 | 2",
        "[file:name = 'a'] FOLLOWEDBY ()    | 31",
    })
    void syntaxError_isRejectedAtItsColumn(String text, int column) {
        assertThat(rejected(text).column()).isEqualTo(column);
    }

    @Test
    void doubleQuotedString_isRejectedWithAHint() {
        assertThat(rejected("[file:name = \"a\"]").getMessage())
                .isEqualTo("unexpected character '\"' at column 14, strings use single quotes");
    }

    @Test
    void deepNesting_isRefusedBeforeParsing_notAStackOverflow() {
        String deep = "(".repeat(100_000) + "[file:name = 'a']" + ")".repeat(100_000);
        assertThat(rejected(deep).getMessage()).isEqualTo("nesting deeper than 100 levels at column 101");
        String ok = "(".repeat(99) + "[file:name = 'a']" + ")".repeat(99);
        assertThat(PatternParser.check(ok)).isEmpty();
        assertThat(PatternParser.check("[file:name = '" + "(".repeat(500) + "']")).isEmpty();
    }

    @Test
    void longQualifierChain_isRefused() {
        String chain = "[file:name = 'a']" + " REPEATS 2 TIMES".repeat(11);
        assertThat(rejected(chain).reason()).isEqualTo("more than 10 qualifiers on one observation expression");
        assertThat(rejected(chain).column()).isEqualTo(18 + 16 * 10 + 1);
    }

    @Test
    void unquotedString_isRejectedWithAHint() {
        assertThat(rejected("[file:hashes.MD5 = cead3f77f6cda6ec00f57d76c9a6879f]").getMessage()).isEqualTo(
                "expected a value or '(' at column 20, found 'cead3f77f6cda6ec00f57d76c9a6879f'"
                        + " (a string value is written in single quotes: 'cead3f77f6cda6ec00f57d76c9a6879f')");
    }

    @Test
    void hugeOffendingText_isShortenedInTheMessage() {
        String message = rejected("[file:name = " + "x".repeat(1_000_000) + "]").getMessage();
        assertThat(message).startsWith("expected a value or '(' at column 14, found 'xxx").hasSizeLessThan(300);
    }

    @Test
    void check_returnsTheMessage_orEmptyWhenValid() {
        assertThat(PatternParser.check("[file:name = 'a']")).isEmpty();
        assertThat(PatternParser.check("[file:name = 'a'")).contains("expected ']' at column 17, found end of pattern");
        assertThat(PatternParser.check(null)).contains("pattern is missing at column 1");
    }

    @Test
    void exception_isThePublicErrorType() {
        assertThatThrownBy(() -> PatternParser.parse("[")).isInstanceOf(PatternException.class);
    }
}
