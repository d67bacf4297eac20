package org.threatledger.pattern;

import com.google.re2j.Matcher;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One comparison operator with its right side, compiled once (regexes, LIKE segments, CIDRs, NFC
 * strings), applied to one observed value. The answer is three-valued: {@link #TRUE},
 * {@link #FALSE}, or {@link #INCOMPARABLE} when the value's type does not compare with the
 * constant (STIX 2.1 §9.5), which {@link Condition} treats as "no answer" whether or not the
 * comparison is negated.
 */
interface ValueTest {
    int FALSE = 0;
    int TRUE = 1;
    int INCOMPARABLE = -1;

    int test(Object value, Constant.Encoding encoding);

    static ValueTest of(Operator operator, Literal literal) {
        return switch (operator) {
            case EQUAL, NOT_EQUAL, LESS, LESS_OR_EQUAL, GREATER, GREATER_OR_EQUAL -> ordering(operator, Constant.of(literal));
            case IN -> in((Literal.SetLiteral) literal);
            case LIKE -> like(new LikeMatcher(Constant.nfc(text(operator, literal))));
            case MATCHES -> matches(com.google.re2j.Pattern.compile(Constant.nfc(text(operator, literal))));
            case IS_SUBSET -> subset(range(text(operator, literal)), false);
            case IS_SUPERSET -> subset(range(text(operator, literal)), true);
        };
    }

    private static String text(Operator operator, Literal literal) {
        if (literal instanceof Literal.StringLiteral s) {
            return s.value();
        }
        throw new IllegalArgumentException(operator.symbol() + " needs a string, got " + literal);
    }

    private static IpRange range(String text) {
        IpRange range = IpRange.parse(text);
        if (range == null) {
            throw new IllegalArgumentException("not an IP address or CIDR block: '" + text + "'");
        }
        return range;
    }

    private static ValueTest ordering(Operator operator, Constant constant) {
        if (operator.isOrdering() && !constant.ordered()) {
            return (value, encoding) -> INCOMPARABLE;
        }
        return (value, encoding) -> {
            int order = constant.compare(value, encoding);
            if (order == Constant.INCOMPARABLE) {
                return INCOMPARABLE;
            }
            boolean holds = switch (operator) {
                case EQUAL -> order == 0;
                case NOT_EQUAL -> order != 0;
                case LESS -> order < 0;
                case LESS_OR_EQUAL -> order <= 0;
                case GREATER -> order > 0;
                default -> order >= 0;
            };
            return holds ? TRUE : FALSE;
        };
    }

    /** IN: equal to some element; a set of strings is a hash lookup of the NFC value. */
    private static ValueTest in(Literal.SetLiteral set) {
        List<Literal> elements = set.elements();
        if (!elements.isEmpty() && elements.stream().allMatch(e -> e instanceof Literal.StringLiteral)) {
            Set<String> strings = new HashSet<>();
            elements.forEach(e -> strings.add(Constant.nfc(((Literal.StringLiteral) e).value())));
            return (value, encoding) -> switch (value) {
                case String s -> strings.contains(Constant.nfc(s)) ? TRUE : FALSE;
                case byte[] b -> strings.contains(new String(b, StandardCharsets.ISO_8859_1)) ? TRUE : FALSE;
                default -> INCOMPARABLE;
            };
        }
        List<Constant> constants = elements.stream().map(Constant::of).toList();
        return (value, encoding) -> {
            int answer = INCOMPARABLE;
            for (Constant constant : constants) {
                int order = constant.compare(value, encoding);
                if (order == 0) {
                    return TRUE;
                }
                if (order != Constant.INCOMPARABLE) {
                    answer = FALSE;
                }
            }
            return answer;
        };
    }

    /** LIKE applies to strings only. */
    private static ValueTest like(LikeMatcher like) {
        return (value, encoding) -> value instanceof String s ? (like.matches(Constant.nfc(s)) ? TRUE : FALSE) : INCOMPARABLE;
    }

    /**
     * MATCHES finds the regex anywhere in the value (PCRE search semantics; anchor with ^ and $).
     * Binary values are matched as one character per byte, so {@code \xd4} matches the byte 0xd4.
     */
    private static ValueTest matches(com.google.re2j.Pattern regex) {
        return (value, encoding) -> {
            String text = switch (value) {
                case String s -> Constant.nfc(s);
                case byte[] b -> new String(b, StandardCharsets.ISO_8859_1);
                default -> null;
            };
            if (text == null) {
                return INCOMPARABLE;
            }
            Matcher matcher = regex.matcher(text);
            return matcher.find() ? TRUE : FALSE;
        };
    }

    /** ISSUBSET: the value lies in the constant's block; ISSUPERSET: the value's block holds the constant. */
    private static ValueTest subset(IpRange constant, boolean superset) {
        return (value, encoding) -> {
            IpRange observed = value instanceof String s ? IpRange.parse(s) : null;
            if (observed == null || observed.v6() != constant.v6()) {
                return INCOMPARABLE;
            }
            boolean holds = superset ? observed.contains(constant) : constant.contains(observed);
            return holds ? TRUE : FALSE;
        };
    }
}
