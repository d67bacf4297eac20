package org.threatledger.stix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Upgrades a STIX 2.0 object to 2.1 in place (STIX 2.1 Appendix: changes from 2.0).
 * An SDO, SRO or marking definition without {@code spec_version} is 2.0; 2.1 requires the property.
 */
public final class Upgrade20 {
    private Upgrade20() {}

    /** True when the object is 2.0 content: its spec_version says 2.0, or it is an SDO/SRO/marking with none. */
    public static boolean needsUpgrade(ObjectNode object, String bundleSpecVersion) {
        JsonNode sv = object.get("spec_version");
        if (sv != null) {
            return sv.isTextual() && sv.asText().equals("2.0");
        }
        JsonNode type = object.get("type");
        if (type == null || !type.isTextual()) {
            return false;
        }
        return StixTypes.kindOf(type.asText()) != StixType.Kind.SCO;
    }

    public static void upgrade(ObjectNode object) {
        object.put("spec_version", "2.1");
        String type = object.path("type").asText();
        switch (type) {
            case "malware" -> {
                if (!object.has("is_family")) {
                    object.put("is_family", true);
                }
                moveLabels(object, "malware_types");
            }
            case "tool" -> moveLabels(object, "tool_types");
            case "indicator" -> {
                moveLabels(object, "indicator_types");
                if (!object.has("pattern_type")) {
                    object.put("pattern_type", "stix");
                }
            }
            case "threat-actor" -> moveLabels(object, "threat_actor_types");
            case "report" -> moveLabels(object, "report_types");
            default -> { }
        }
    }

    /** 2.0 used {@code labels} for the type vocabularies that 2.1 gives their own property. */
    private static void moveLabels(ObjectNode object, String typesProperty) {
        JsonNode labels = object.get("labels");
        if (!(labels instanceof ArrayNode array) || object.has(typesProperty)) {
            return;
        }
        // ATT&CK 2.0 writes labels ["malware"] / ["tool"]: a placeholder that only repeats the type.
        String type = object.path("type").asText();
        ArrayNode kept = array.arrayNode();
        for (JsonNode label : array) {
            if (!label.asText().equals(type)) {
                kept.add(label);
            }
        }
        object.remove("labels");
        if (!kept.isEmpty()) {
            object.set(typesProperty, kept);
        }
    }
}
