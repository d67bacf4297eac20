package org.threatledger.pattern;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.threatledger.stix.Timestamps;

/**
 * A literal compiled once for comparison against observed values (STIX 2.1 §9.5 type rules).
 *
 * <p>{@link #compare} gives the order of an observed value against the constant, or
 * {@link #INCOMPARABLE} when the two types do not compare: integers and floats compare with each
 * other exactly; strings compare by code point after NFC normalisation; a timestamp compares with
 * an {@code Instant} or a string holding a STIX timestamp; binary (hex or base64) compares with
 * {@code byte[]}, and with a string whose property name ends in {@code _hex} or {@code _bin} (its
 * encoding), or otherwise whose characters are all below 256 (one byte each, as §9.5 says for a
 * string against binary); a string constant likewise compares with {@code byte[]}. Booleans only
 * compare for equality. Anything else (a string against an integer, say) is incomparable, and an
 * incomparable value never satisfies a comparison, negated or not.
 */
sealed interface Constant {
    int INCOMPARABLE = Integer.MIN_VALUE;

    /** How a string value of the compared property encodes bytes, from its name's suffix. */
    enum Encoding { TEXT, HEX, BASE64 }

    /** The order of {@code value} relative to this constant, or {@link #INCOMPARABLE}. */
    int compare(Object value, Encoding encoding);

    /** True for constants that have an order ({@code <}, {@code >} ...): all but booleans. */
    default boolean ordered() {
        return true;
    }

    static Constant of(Literal literal) {
        return switch (literal) {
            case Literal.StringLiteral s -> new Text(s.value());
            case Literal.IntegerLiteral i -> new Whole(i.value());
            case Literal.FloatLiteral f -> new Real(f.value());
            case Literal.BooleanLiteral b -> new Bool(b.value());
            case Literal.TimestampLiteral t -> new Time(t.value());
            case Literal.BinaryLiteral b -> new Bytes(b.bytes());
            case Literal.HexLiteral h -> new Bytes(h.bytes());
            case Literal.SetLiteral s -> throw new IllegalArgumentException("a set is not a single constant: " + s);
        };
    }

    record Text(String normalized, byte[] oneBytePerChar) implements Constant {
        Text(String value) {
            this(Constant.nfc(value), Constant.latin1(value));
        }

        @Override
        public int compare(Object value, Encoding encoding) {
            return switch (value) {
                case String s -> Integer.signum(compareCodePoints(Constant.nfc(s), normalized));
                case byte[] b -> oneBytePerChar == null ? INCOMPARABLE
                        : Integer.signum(Arrays.compareUnsigned(b, oneBytePerChar));
                default -> INCOMPARABLE;
            };
        }
    }

    record Whole(long value) implements Constant {
        @Override
        public int compare(Object observed, Encoding encoding) {
            return switch (observed) {
                case Long l -> Long.compare(l, value);
                case Integer i -> Long.compare(i, value);
                case Double d -> compareMixed(d, value);
                case Float f -> compareMixed(f, value);
                default -> INCOMPARABLE;
            };
        }
    }

    record Real(double value) implements Constant {
        @Override
        public int compare(Object observed, Encoding encoding) {
            return switch (observed) {
                case Double d -> d.isNaN() ? INCOMPARABLE : Double.compare(d == 0.0 ? 0.0 : d, value);
                case Float f -> f.isNaN() ? INCOMPARABLE : Double.compare(f == 0.0f ? 0.0 : f, value);
                case Long l -> -compareMixed(value, l);
                case Integer i -> -compareMixed(value, i);
                default -> INCOMPARABLE;
            };
        }
    }

    record Bool(boolean value) implements Constant {
        @Override
        public int compare(Object observed, Encoding encoding) {
            return observed instanceof Boolean b ? (b == value ? 0 : 1) : INCOMPARABLE;
        }

        @Override
        public boolean ordered() {
            return false;
        }
    }

    record Time(Instant value) implements Constant {
        @Override
        public int compare(Object observed, Encoding encoding) {
            Optional<Instant> instant = switch (observed) {
                case Instant i -> Optional.of(i);
                case String s -> Timestamps.tryParse(s);
                default -> Optional.empty();
            };
            return instant.map(i -> Integer.signum(i.compareTo(value))).orElse(INCOMPARABLE);
        }
    }

    record Bytes(byte[] value) implements Constant {
        @Override
        public int compare(Object observed, Encoding encoding) {
            byte[] bytes = switch (observed) {
                case byte[] b -> b;
                case String s -> decode(s, encoding);
                default -> null;
            };
            return bytes == null ? INCOMPARABLE : Integer.signum(Arrays.compareUnsigned(bytes, value));
        }

        private static byte[] decode(String text, Encoding encoding) {
            try {
                return switch (encoding) {
                    case HEX -> HexFormat.of().parseHex(text);
                    case BASE64 -> Base64.getDecoder().decode(text);
                    case TEXT -> latin1(text);
                };
            } catch (IllegalArgumentException e) {
                return null; // not hex / base64: the value does not compare with binary
            }
        }
    }

    /** NFC form; strings of characters below U+0300 are already NFC, which skips the normaliser. */
    static String nfc(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x300) {
                return Normalizer.normalize(text, Normalizer.Form.NFC);
            }
        }
        return text;
    }

    /** One byte per character, or null when a character is 256 or above. */
    static byte[] latin1(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0xff) {
                return null;
            }
        }
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Code point order (String.compareTo orders UTF-16 units, which differs above U+FFFF). */
    static int compareCodePoints(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                return Integer.compare(codePointRank(x), codePointRank(y));
            }
        }
        return Integer.compare(a.length(), b.length());
    }

    /** Surrogates (supplementary code points) rank above U+E000..U+FFFF. */
    private static int codePointRank(char c) {
        if (c >= 0xD800 && c <= 0xDFFF) {
            return c + 0x2000;
        }
        return c >= 0xE000 ? c - 0x800 : c;
    }

    /** Exact order of a double against a long (casting either way can round). */
    static int compareMixed(double d, long l) {
        if (Double.isNaN(d)) {
            return INCOMPARABLE;
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? 1 : -1;
        }
        return Integer.signum(new BigDecimal(d).compareTo(BigDecimal.valueOf(l)));
    }
}
