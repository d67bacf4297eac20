package org.threatledger.stix;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.threatledger.stix.Finding.Severity;

/** Collects the findings for one object, so every rule names the object the same way. */
final class Findings {
    private final String objectId;
    private final List<Finding> out;

    Findings(String objectId, List<Finding> out) {
        this.objectId = objectId;
        this.out = out;
    }

    String objectId() {
        return objectId;
    }

    void error(String property, JsonNode value, String message) {
        out.add(new Finding(Severity.ERROR, objectId, property, text(value), message));
    }

    void warn(String property, JsonNode value, String message) {
        out.add(new Finding(Severity.WARNING, objectId, property, text(value), message));
    }

    void missing(String property) {
        error(property, null, "required property is missing");
    }

    private static String text(JsonNode value) {
        if (value == null) {
            return null;
        }
        if (value.isTextual()) {
            String t = value.asText();
            return "'" + (t.length() > 200 ? t.substring(0, 200) : t) + "'";
        }
        if (value.isArray()) {
            return value.size() <= 4 && !hasContainer(value) ? value.toString() : "an array of " + value.size();
        }
        if (value.isObject()) {
            return "an object of " + value.size() + " properties";
        }
        return value.toString();
    }

    private static boolean hasContainer(JsonNode array) {
        for (JsonNode e : array) {
            if (e.isContainerNode() || (e.isTextual() && e.asText().length() > 200)) {
                return true;
            }
        }
        return false;
    }
}
