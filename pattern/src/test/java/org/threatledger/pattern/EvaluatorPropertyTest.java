package org.threatledger.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;
import org.threatledger.stix.Timestamps;

/**
 * For random single-observation patterns over a random record, the evaluator agrees with a naive
 * reference written here from STIX 2.1 §9.5 (BigDecimal numbers, code point arrays,
 * java.util.regex for LIKE and MATCHES, BigInteger address blocks). Values and literals come from
 * small overlapping pools, so matches, near misses and type mismatches are all frequent.
 */
class EvaluatorPropertyTest {
    private static final String NFC = "\u1e0d\u0307";
    private static final String NFD = "d\u0323\u0307";
    private static final List<Object> VALUES = List.of("a", "b", "ab", "a_b", "10", "3", "true", "%", "\uD83D\uDE00", NFC, NFD,
            "2020-01-01T00:00:00Z", "198.51.100.7", "198.51.100.0/24", "2001:db8::1", "ff", "aXb", "",
            3L, 10L, -1L, 0L, 3.0, 2.5, -0.0, true, false,
            Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2021-06-01T12:00:00Z"));
    private static final List<Literal> LITERALS = List.of(new Literal.StringLiteral("a"), new Literal.StringLiteral("ab"),
            new Literal.StringLiteral("10"), new Literal.StringLiteral(NFC), new Literal.StringLiteral("\uFFFD"),
            new Literal.StringLiteral("2020-01-01T00:00:00Z"), new Literal.IntegerLiteral(3), new Literal.IntegerLiteral(10),
            new Literal.IntegerLiteral(0), new Literal.FloatLiteral(3.0), new Literal.FloatLiteral(2.5),
            new Literal.BooleanLiteral(true), new Literal.BooleanLiteral(false),
            new Literal.TimestampLiteral(Instant.parse("2020-01-01T00:00:00Z")), new Literal.HexLiteral("61"),
            new Literal.HexLiteral("6162"), new Literal.BinaryLiteral("YQ=="));
    private static final List<String> LIKES = List.of("a%", "%b", "_", "%", "a_b", "1_", "%" + NFC + "%", "", "a%b", "%X%");
    private static final List<String> REGEXES = List.of("^a", "b$", "[0-9]+", "(a|b)", ".", "^$", "a.b", "^(ab)*$");
    private static final List<String> BLOCKS = List.of("198.51.100.0/24", "198.51.100.7", "0.0.0.0/0", "198.51.0.0/16",
            "2001:db8::/32", "2001:db8::1", "2001:db8::1/128");
    private static final List<String> PATHS = List.of("x:p0", "x:p1", "x:p2", "x:list[*]");

    record Case(ComparisonExpression expression, MapObserved record) {}

    @Test
    void singleObservation_evaluatorAgreesWithNaiveReference() {
        AtomicInteger matched = new AtomicInteger();
        AtomicInteger examples = new AtomicInteger();
        qt().withExamples(20_000).forAll(cases()).checkAssert(c -> {
            Pattern pattern = new Pattern(new ObservationExpression.Observation(c.expression()));
            boolean expected = reference(c.expression(), c.record());
            assertThat(CompiledPattern.compile(pattern).matches(c.record()))
                    .as("%s on %s", pattern, c.record())
                    .isEqualTo(expected);
            examples.incrementAndGet();
            matched.addAndGet(expected ? 1 : 0);
        });
        assertThat(matched.get()).as("matching examples of %d", examples.get())
                .isBetween(examples.get() / 10, examples.get() * 9 / 10);
    }

    private static Gen<Case> cases() {
        return in -> new Case(expression(in, 2), record(in));
    }

    private static int pick(RandomnessSource in, int size) {
        return (int) in.next(Constraint.between(0, size - 1));
    }

    private static MapObserved record(RandomnessSource in) {
        MapObserved record = MapObserved.at(0);
        for (String path : PATHS) {
            int count = pick(in, 4); // 0 = absent
            Object[] values = new Object[count];
            for (int i = 0; i < count; i++) {
                values[i] = VALUES.get(pick(in, VALUES.size()));
            }
            if (count > 0) {
                record.with(path, values);
            }
        }
        return record;
    }

    private static ComparisonExpression expression(RandomnessSource in, int depth) {
        int kind = depth == 0 ? pick(in, 6) : pick(in, 8);
        if (kind == 6 || kind == 7) {
            List<ComparisonExpression> operands = List.of(expression(in, depth - 1), expression(in, depth - 1));
            return kind == 6 ? new ComparisonExpression.And(operands) : new ComparisonExpression.Or(operands);
        }
        String name = PATHS.get(pick(in, PATHS.size())).substring(2);
        ObjectPath path = name.endsWith("[*]")
                ? new ObjectPath("x", List.of(new PathStep.Key(name.substring(0, name.length() - 3)), new PathStep.AnyIndex()))
                : ObjectPath.of("x", name);
        if (kind == 5) {
            return new ComparisonExpression.Exists(path);
        }
        Operator operator = Operator.values()[pick(in, Operator.values().length)];
        Literal value = switch (operator) {
            case IN -> new Literal.SetLiteral(List.of(LITERALS.get(pick(in, LITERALS.size())), LITERALS.get(pick(in, LITERALS.size()))));
            case LIKE -> new Literal.StringLiteral(LIKES.get(pick(in, LIKES.size())));
            case MATCHES -> new Literal.StringLiteral(REGEXES.get(pick(in, REGEXES.size())));
            case IS_SUBSET, IS_SUPERSET -> new Literal.StringLiteral(BLOCKS.get(pick(in, BLOCKS.size())));
            default -> LITERALS.get(pick(in, LITERALS.size()));
        };
        if (operator.isOrdering() && value instanceof Literal.BooleanLiteral) {
            value = new Literal.IntegerLiteral(3);
        }
        return new ComparisonExpression.Comparison(path, operator, pick(in, 2) == 1, value);
    }

    private static boolean reference(ComparisonExpression expression, Observed record) {
        return switch (expression) {
            case ComparisonExpression.And and -> and.operands().stream().allMatch(e -> reference(e, record));
            case ComparisonExpression.Or or -> or.operands().stream().anyMatch(e -> reference(e, record));
            case ComparisonExpression.Exists e -> !record.values(e.path()).isEmpty();
            case ComparisonExpression.Comparison c -> record.values(c.path()).stream().anyMatch(v -> {
                Optional<Boolean> answer = test(c.operator(), c.value(), v);
                return answer.isPresent() && answer.get() != c.negated();
            });
        };
    }

    /** Empty when the value's type does not compare with the literal. */
    private static Optional<Boolean> test(Operator operator, Literal literal, Object value) {
        return switch (operator) {
            case EQUAL -> compare(value, literal).map(o -> o == 0);
            case NOT_EQUAL -> compare(value, literal).map(o -> o != 0);
            case LESS -> compare(value, literal).map(o -> o < 0);
            case LESS_OR_EQUAL -> compare(value, literal).map(o -> o <= 0);
            case GREATER -> compare(value, literal).map(o -> o > 0);
            case GREATER_OR_EQUAL -> compare(value, literal).map(o -> o >= 0);
            case IN -> {
                List<Integer> orders = ((Literal.SetLiteral) literal).elements().stream()
                        .map(e -> compare(value, e)).flatMap(Optional::stream).toList();
                yield orders.isEmpty() ? Optional.empty() : Optional.of(orders.contains(0));
            }
            case LIKE -> value instanceof String s ? Optional.of(like(text(literal), nfc(s))) : Optional.empty();
            case MATCHES -> value instanceof String s
                    ? Optional.of(java.util.regex.Pattern.compile(text(literal)).matcher(nfc(s)).find()) : Optional.empty();
            case IS_SUBSET -> block(value).flatMap(v -> block(text(literal)).flatMap(b -> within(v, b)));
            case IS_SUPERSET -> block(value).flatMap(v -> block(text(literal)).flatMap(b -> within(b, v)));
        };
    }

    private static String text(Literal literal) {
        return ((Literal.StringLiteral) literal).value();
    }

    private static Optional<Integer> compare(Object value, Literal literal) {
        return switch (literal) {
            case Literal.StringLiteral s -> value instanceof String v
                    ? Optional.of(Integer.signum(Arrays.compare(nfc(v).codePoints().toArray(), nfc(s.value()).codePoints().toArray())))
                    : Optional.empty();
            case Literal.IntegerLiteral i -> number(value).map(n -> n.compareTo(BigDecimal.valueOf(i.value())));
            case Literal.FloatLiteral f -> number(value).map(n -> n.compareTo(new BigDecimal(f.value())));
            case Literal.BooleanLiteral b -> value instanceof Boolean v ? Optional.of(v == b.value() ? 0 : 1) : Optional.empty();
            case Literal.TimestampLiteral t -> (value instanceof Instant i ? Optional.of(i)
                    : value instanceof String s ? Timestamps.tryParse(s) : Optional.<Instant>empty())
                    .map(i -> Integer.signum(i.compareTo(t.value())));
            case Literal.HexLiteral h -> hexOf(value).map(v -> Integer.signum(v.compareTo(h.hex())));
            case Literal.BinaryLiteral b -> hexOf(value).map(v -> Integer.signum(v.compareTo(HexFormat.of().formatHex(b.bytes()))));
            case Literal.SetLiteral s -> Optional.empty();
        };
    }

    private static Optional<BigDecimal> number(Object value) {
        return switch (value) {
            case Long l -> Optional.of(BigDecimal.valueOf(l));
            case Double d -> Optional.of(new BigDecimal(d));
            default -> Optional.empty();
        };
    }

    /** A string as bytes, one per character below 256, in lower-case hex (hex order = unsigned byte order). */
    private static Optional<String> hexOf(Object value) {
        if (!(value instanceof String s) || s.chars().anyMatch(c -> c > 255)) {
            return Optional.empty();
        }
        return Optional.of(HexFormat.of().formatHex(s.getBytes(StandardCharsets.ISO_8859_1)).toLowerCase(Locale.ROOT));
    }

    private static boolean like(String pattern, String value) {
        StringBuilder regex = new StringBuilder();
        for (int cp : pattern.codePoints().toArray()) {
            regex.append(cp == '%' ? ".*" : cp == '_' ? "." : java.util.regex.Pattern.quote(Character.toString(cp)));
        }
        return java.util.regex.Pattern.compile(regex.toString(), java.util.regex.Pattern.DOTALL).matcher(value).matches();
    }

    private static String nfc(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFC);
    }

    /** (address bits, prefix, bit length) of an address or block; never a name lookup (syntax checked first). */
    private record Block(BigInteger bits, int prefix, int length) {}

    private static Optional<Block> block(Object value) {
        if (!(value instanceof String s) || !Cidrs.isAddressOrCidr(s)) {
            return Optional.empty();
        }
        String[] parts = s.split("/");
        try {
            byte[] address = InetAddress.getByName(parts[0]).getAddress();
            int length = address.length * 8;
            return Optional.of(new Block(new BigInteger(1, address), parts.length > 1 ? Integer.parseInt(parts[1]) : length, length));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<Boolean> within(Block inner, Block outer) {
        if (inner.length() != outer.length()) {
            return Optional.empty();
        }
        int shift = outer.length() - outer.prefix();
        return Optional.of(inner.prefix() >= outer.prefix()
                && inner.bits().shiftRight(shift).equals(outer.bits().shiftRight(shift)));
    }
}
