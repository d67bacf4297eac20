package org.threatledger.pattern;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

/**
 * A QuickTheories generator of random, valid pattern ASTs: every node kind, every operator with an
 * operand it accepts, keys that need quoting (keywords, hyphens, quotes, backslashes, non-ASCII).
 */
final class RandomPatterns {
    private static final String[] TYPES = {"file", "ipv4-addr", "domain-name", "network-traffic", "x-custom-thing", "true"};
    private static final String[] KEYS = {"AND", "true", "SHA-256", "it's", "back\\slash", "a b", "x", "_private", "Z9", "é中"};
    private static final String KEY_CHARS = "abcxyzABC_019-' \\.[]é中";
    private static final String STRING_CHARS = "abcXYZ019 '\\\"%_.*[]()\n\té中";
    private static final Operator[] OPERATORS = Operator.values();

    private final RandomnessSource in;

    private RandomPatterns(RandomnessSource in) {
        this.in = in;
    }

    static Gen<Pattern> patterns() {
        return in -> new Pattern(new RandomPatterns(in).observation(3));
    }

    private int between(int min, int max) {
        return (int) in.next(Constraint.between(min, max));
    }

    private boolean chance() {
        return between(0, 1) == 1;
    }

    private ObservationExpression observation(int depth) {
        int kind = depth == 0 ? 0 : between(0, 4);
        return switch (kind) {
            case 0 -> new ObservationExpression.Observation(comparison(2));
            case 1 -> new ObservationExpression.And(observations(depth - 1));
            case 2 -> new ObservationExpression.Or(observations(depth - 1));
            case 3 -> new ObservationExpression.FollowedBy(observations(depth - 1));
            default -> new ObservationExpression.Qualified(observation(depth - 1), qualifier());
        };
    }

    private List<ObservationExpression> observations(int depth) {
        List<ObservationExpression> list = new ArrayList<>();
        for (int i = between(2, 3); i > 0; i--) {
            list.add(observation(depth));
        }
        return list;
    }

    private Qualifier qualifier() {
        return switch (between(0, 2)) {
            case 0 -> new Qualifier.Within(BigDecimal.valueOf(between(1, 100_000), between(0, 3)));
            case 1 -> new Qualifier.Repeats(between(1, 1000));
            default -> {
                Instant start = timestamp();
                yield new Qualifier.StartStop(start, start.plusMillis(between(1, 1_000_000_000)));
            }
        };
    }

    private ComparisonExpression comparison(int depth) {
        int kind = depth == 0 ? between(0, 1) : between(0, 3);
        return switch (kind) {
            case 0 -> simpleComparison();
            case 1 -> new ComparisonExpression.Exists(path());
            case 2 -> new ComparisonExpression.And(comparisons(depth - 1));
            default -> new ComparisonExpression.Or(comparisons(depth - 1));
        };
    }

    private List<ComparisonExpression> comparisons(int depth) {
        List<ComparisonExpression> list = new ArrayList<>();
        for (int i = between(2, 3); i > 0; i--) {
            list.add(comparison(depth));
        }
        return list;
    }

    private ComparisonExpression simpleComparison() {
        Operator operator = OPERATORS[between(0, OPERATORS.length - 1)];
        Literal value;
        if (operator == Operator.IN) {
            List<Literal> elements = new ArrayList<>();
            for (int i = between(0, 3); i > 0; i--) {
                elements.add(primitive(true));
            }
            value = new Literal.SetLiteral(elements);
        } else if (operator == Operator.MATCHES) {
            value = new Literal.StringLiteral(regex());
        } else if (operator == Operator.IS_SUBSET || operator == Operator.IS_SUPERSET) {
            value = new Literal.StringLiteral(chance() ? "198.51." + between(0, 255) + ".0/" + between(0, 32)
                    : "2001:db8::" + Integer.toHexString(between(0, 0xffff)) + "/" + between(0, 128));
        } else if (operator.needsString()) {
            value = new Literal.StringLiteral(string(STRING_CHARS));
        } else {
            value = primitive(!operator.isOrdering());
        }
        return new ComparisonExpression.Comparison(path(), operator, chance(), value);
    }

    private String regex() {
        String[] parts = {"", ".*", "(x|y)+", "\\.", "[0-9]{2}", "\\'", "^", "$", "\\\\"};
        return parts[between(0, parts.length - 1)] + string("abé '") + parts[between(0, parts.length - 1)];
    }

    private Literal primitive(boolean booleanAllowed) {
        return switch (between(booleanAllowed ? 0 : 1, 6)) {
            case 0 -> new Literal.BooleanLiteral(chance());
            case 1 -> new Literal.StringLiteral(string(STRING_CHARS));
            case 2 -> new Literal.IntegerLiteral(in.next(Constraint.none()));
            case 3 -> new Literal.FloatLiteral(between(-1_000_000, 1_000_000) / Math.pow(10, between(0, 6)));
            case 4 -> new Literal.TimestampLiteral(timestamp());
            case 5 -> new Literal.BinaryLiteral(Base64.getEncoder().encodeToString(bytes()));
            default -> new Literal.HexLiteral(HexFormat.of().formatHex(bytes()));
        };
    }

    private byte[] bytes() {
        byte[] bytes = new byte[between(0, 7)];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) between(0, 255);
        }
        return bytes;
    }

    private Instant timestamp() {
        Instant instant = Instant.ofEpochSecond(between(0, Integer.MAX_VALUE));
        return switch (between(0, 2)) {
            case 0 -> instant;
            case 1 -> instant.plusMillis(between(0, 999));
            default -> instant.plusNanos(between(0, 999_999_999));
        };
    }

    private ObjectPath path() {
        List<PathStep> steps = new ArrayList<>();
        steps.add(new PathStep.Key(chance() ? "value" : "p_" + between(0, 99)));
        for (int i = between(0, 3); i > 0; i--) {
            steps.add(switch (between(0, 3)) {
                case 0 -> new PathStep.Key(KEYS[between(0, KEYS.length - 1)]);
                case 1 -> new PathStep.Key("k" + string(KEY_CHARS));
                case 2 -> new PathStep.Index(between(0, 1000));
                default -> new PathStep.AnyIndex();
            });
        }
        return new ObjectPath(chance() ? TYPES[between(0, TYPES.length - 1)] : randomType(), steps);
    }

    private String randomType() {
        StringBuilder sb = new StringBuilder("x");
        for (int i = between(1, 3); i > 0; i--) {
            sb.append('-').append(string("abz09"));
        }
        return sb.toString();
    }

    private String string(String alphabet) {
        StringBuilder sb = new StringBuilder();
        for (int i = between(1, 12); i > 0; i--) {
            sb.append(alphabet.charAt(between(0, alphabet.length() - 1)));
        }
        return sb.toString();
    }
}
