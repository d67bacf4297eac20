package org.threatledger.stix;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;
import org.threatledger.stix.StixType.Value;

/**
 * The JSON kinds the reader insists on before it hands an object on: each property the type table
 * knows holds a string, boolean, number, list or object as the spec says. The rest of the system
 * may then read those properties without checking; finer rules (formats, references) are the
 * {@link Validator}'s and only warn or fail validation, they do not stop reading.
 */
final class Shape {
    private Shape() {}

    /** The first property of the wrong JSON kind, with what is wrong, or empty. */
    static Optional<ReadProblem> check(StixObject o, String source, long line) {
        Map<String, Value> common = CommonRules.commonOf(o.type(), o.kind());
        Map<String, Value> own = StixTypes.find(o.type()).map(StixType::properties).orElse(Map.of());
        for (Map.Entry<String, JsonNode> e : o.json().properties()) {
            Value value = own.getOrDefault(e.getKey(), common.get(e.getKey()));
            if (value == null) {
                continue;
            }
            Optional<String> wrong = wrongKind(e.getValue(), value);
            if (wrong.isPresent()) {
                return Optional.of(new ReadProblem(source, line, o.id(), e.getKey(), wrong.get() + "; object skipped"));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> wrongKind(JsonNode node, Value value) {
        boolean ok = switch (value) {
            case STRING, BINARY, HEX, TIMESTAMP, IDENTIFIER -> node.isTextual();
            case BOOLEAN -> node.isBoolean();
            case INTEGER, NUMBER -> node.isNumber();
            case STRING_LIST, IDENTIFIER_LIST -> node.isArray() && allTextual(node);
            case KILL_CHAIN_PHASES, OBJECT_LIST -> node.isArray() && allObjects(node);
            case HASHES, DICTIONARY -> node.isObject();
        };
        if (ok) {
            return Optional.empty();
        }
        String want = switch (value) {
            case BOOLEAN -> "true or false";
            case INTEGER, NUMBER -> "a number";
            case STRING_LIST, IDENTIFIER_LIST -> "a list of strings";
            case KILL_CHAIN_PHASES, OBJECT_LIST -> "a list of objects";
            case HASHES, DICTIONARY -> "an object";
            default -> "a string";
        };
        return Optional.of("expected " + want + ", found " + JsonValues.describe(node)
                + (node.isValueNode() ? " " + abbreviate(node) : ""));
    }

    private static String abbreviate(JsonNode node) {
        String text = node.toString();
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }

    private static boolean allTextual(JsonNode array) {
        for (JsonNode e : array) {
            if (!e.isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static boolean allObjects(JsonNode array) {
        for (JsonNode e : array) {
            if (!e.isObject()) {
                return false;
            }
        }
        return true;
    }
}
