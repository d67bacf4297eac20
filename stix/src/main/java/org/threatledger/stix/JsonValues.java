package org.threatledger.stix;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Optional;
import org.threatledger.stix.StixType.Value;

/** Checks a JSON value against a STIX property type (STIX 2.1 §2). */
final class JsonValues {
    private JsonValues() {}

    /** Empty when {@code node} is a {@code value}; else what is wrong with it. */
    static Optional<String> mismatch(JsonNode node, Value value) {
        return switch (value) {
            case STRING, BINARY, HEX -> node.isTextual() ? Optional.empty() : expected("a string", node);
            case TIMESTAMP -> !node.isTextual() ? expected("a timestamp string", node)
                    : Timestamps.isValid(node.asText()) ? Optional.empty()
                    : Optional.of("not a STIX timestamp (RFC 3339 in UTC, e.g. 2016-05-12T08:17:27.000Z)");
            case BOOLEAN -> node.isBoolean() ? Optional.empty() : expected("true or false", node);
            case INTEGER -> isInteger(node) ? Optional.empty() : expected("an integer", node);
            case NUMBER -> node.isNumber() ? Optional.empty() : expected("a number", node);
            case IDENTIFIER -> !node.isTextual() ? expected("an identifier string", node)
                    : Ids.isValid(node.asText()) ? Optional.empty() : Optional.of("not an identifier of the form type--uuid");
            case STRING_LIST, IDENTIFIER_LIST -> listOf(node, value == Value.IDENTIFIER_LIST ? Value.IDENTIFIER : Value.STRING);
            case KILL_CHAIN_PHASES, OBJECT_LIST -> listOfObjects(node);
            case HASHES, DICTIONARY -> node.isObject() ? Optional.empty() : expected("an object (dictionary)", node);
        };
    }

    /** An integral number, including {@code 5.0} written with a fraction (JSON does not distinguish). */
    static boolean isInteger(JsonNode node) {
        if (node.isIntegralNumber()) {
            return true;
        }
        return node.isNumber() && node.decimalValue().stripTrailingZeros().scale() <= 0;
    }

    /** True when {@code node} is a number within {@code [min, max]}, without converting huge values. */
    static boolean inRange(JsonNode node, long min, long max) {
        BigDecimal v = node.decimalValue();
        return v.compareTo(BigDecimal.valueOf(min)) >= 0 && v.compareTo(BigDecimal.valueOf(max)) <= 0;
    }

    private static Optional<String> listOf(JsonNode node, Value element) {
        if (!node.isArray()) {
            return expected("a list", node);
        }
        if (node.isEmpty()) {
            return Optional.of("a list must not be empty");
        }
        for (int i = 0; i < node.size(); i++) {
            Optional<String> bad = mismatch(node.get(i), element);
            if (bad.isPresent()) {
                return Optional.of("item [" + i + "]: " + bad.get());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> listOfObjects(JsonNode node) {
        if (!node.isArray()) {
            return expected("a list", node);
        }
        if (node.isEmpty()) {
            return Optional.of("a list must not be empty");
        }
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isObject()) {
                return Optional.of("item [" + i + "]: expected an object, found " + describe(node.get(i)));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> expected(String what, JsonNode node) {
        return Optional.of("expected " + what + ", found " + describe(node));
    }

    /** "a string", "a number", "an object", … for messages. */
    static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "a list";
            case OBJECT, POJO -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            case BINARY -> "binary data";
            case MISSING -> "nothing";
        };
    }
}
