package org.threatledger.pattern;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.StringJoiner;
import org.threatledger.stix.Patterns;

/**
 * A constant on the right of a comparison (STIX 2.1 §9.4). Values are normalised once here: hex
 * is lower case, timestamps are instants, strings are unescaped.
 */
public sealed interface Literal {

    /** {@code 'text'}, with {@code \'} and {@code \\} unescaped. */
    record StringLiteral(String value) implements Literal {
        public StringLiteral {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toString() {
            return Patterns.quote(value);
        }
    }

    /** A whole number. */
    record IntegerLiteral(long value) implements Literal {
        @Override
        public String toString() {
            return Long.toString(value);
        }
    }

    /** A number with a fraction, e.g. {@code 7.0}; {@code -0.0} is normalised to {@code 0.0}. */
    record FloatLiteral(double value) implements Literal {
        public FloatLiteral {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("a float literal is finite, got " + value);
            }
            value = value == 0.0 ? 0.0 : value; // -0.0 and 0.0 are one pattern value
        }

        @Override
        public String toString() {
            String text = BigDecimal.valueOf(value).toPlainString();
            return text.indexOf('.') < 0 ? text + ".0" : text;
        }
    }

    /** {@code true} or {@code false}. */
    record BooleanLiteral(boolean value) implements Literal {
        @Override
        public String toString() {
            return Boolean.toString(value);
        }
    }

    /** {@code t'2016-01-01T00:00:00Z'}. */
    record TimestampLiteral(Instant value) implements Literal {
        public TimestampLiteral {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toString() {
            return "t'" + value + "'";
        }
    }

    /** {@code b'...'}: bytes as padded base64, kept as text so the record compares by value. */
    record BinaryLiteral(String base64) implements Literal {
        private static final java.util.regex.Pattern FORM =
                java.util.regex.Pattern.compile("([A-Za-z0-9+/]{4})*([A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?");

        public BinaryLiteral {
            if (!isBase64(base64)) {
                throw new IllegalArgumentException("not padded base64: '" + base64 + "'");
            }
        }

        /** True for padded base64 (RFC 4648 §4), the form §9.4 requires. */
        public static boolean isBase64(String text) {
            return FORM.matcher(text).matches();
        }

        /** The decoded bytes (a fresh copy). */
        public byte[] bytes() {
            return Base64.getDecoder().decode(base64);
        }

        @Override
        public String toString() {
            return "b'" + base64 + "'";
        }
    }

    /** {@code h'...'}: bytes as an even number of hex digits, stored lower case. */
    record HexLiteral(String hex) implements Literal {
        private static final java.util.regex.Pattern FORM = java.util.regex.Pattern.compile("([0-9a-fA-F]{2})*");

        public HexLiteral {
            if (!isHex(hex)) {
                throw new IllegalArgumentException("not an even number of hex digits: '" + hex + "'");
            }
            hex = hex.toLowerCase(Locale.ROOT);
        }

        /** True for an even number of hex digits. */
        public static boolean isHex(String text) {
            return FORM.matcher(text).matches();
        }

        /** The decoded bytes (a fresh copy). */
        public byte[] bytes() {
            return HexFormat.of().parseHex(hex);
        }

        @Override
        public String toString() {
            return "h'" + hex + "'";
        }
    }

    /** {@code ('a', 'b')}: the right side of {@code IN}; its elements are never sets. */
    record SetLiteral(List<Literal> elements) implements Literal {
        public SetLiteral {
            elements = List.copyOf(elements);
            for (Literal element : elements) {
                if (element instanceof SetLiteral) {
                    throw new IllegalArgumentException("a set cannot contain a set");
                }
            }
        }

        @Override
        public String toString() {
            StringJoiner joiner = new StringJoiner(", ", "(", ")");
            elements.forEach(e -> joiner.add(e.toString()));
            return joiner.toString();
        }
    }
}
