package org.threatledger.stix;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Traffic Light Protocol 2.0 levels, most open first, with the official STIX marking-definition
 * ids (the OASIS TLP 2.0 extension). The TLP 1.0 markings of STIX 2.1 §7.2.1.4 map onto them:
 * WHITE to CLEAR, the others by name. When several apply, the most restrictive wins.
 */
public enum Tlp {
    CLEAR("clear", "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487"),
    GREEN("green", "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"),
    AMBER("amber", "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421"),
    AMBER_STRICT("amber+strict", "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003"),
    RED("red", "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1");

    /** The TLP 2.0 extension-definition the official marking objects carry. */
    public static final String EXTENSION_ID = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";
    private static final String CREATOR = "identity--b3bca3c2-1f3d-4b54-b44f-dac42c3a8f01";

    private static final Map<String, Tlp> BY_MARKING_ID = Map.of(
            CLEAR.markingId, CLEAR, GREEN.markingId, GREEN, AMBER.markingId, AMBER,
            AMBER_STRICT.markingId, AMBER_STRICT, RED.markingId, RED,
            // TLP 1.0, STIX 2.1 §7.2.1.4
            "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9", CLEAR,
            "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da", GREEN,
            "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82", AMBER,
            "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed", RED);

    private final String label;
    private final String markingId;

    Tlp(String label, String markingId) {
        this.label = label;
        this.markingId = markingId;
    }

    /** The lower-case name used on the command line and in MISP tags: {@code amber+strict}. */
    public String label() {
        return label;
    }

    public String markingId() {
        return markingId;
    }

    /** {@code TLP:AMBER+STRICT}. */
    public String display() {
        return "TLP:" + label.toUpperCase(Locale.ROOT);
    }

    public boolean isMoreRestrictiveThan(Tlp other) {
        return compareTo(other) > 0;
    }

    /** Parses {@code clear}, {@code TLP:GREEN}, {@code amber+strict}, {@code white}, any case. */
    public static Optional<Tlp> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("tlp:")) {
            t = t.substring(4);
        }
        return switch (t) {
            case "clear", "white" -> Optional.of(CLEAR);
            case "green" -> Optional.of(GREEN);
            case "amber" -> Optional.of(AMBER);
            case "amber+strict", "amber-strict", "amber_strict" -> Optional.of(AMBER_STRICT);
            case "red" -> Optional.of(RED);
            default -> Optional.empty();
        };
    }

    /** The level of a marking-definition id, when it is one of the official TLP markings. */
    public static Optional<Tlp> ofMarking(String markingId) {
        return Optional.ofNullable(BY_MARKING_ID.get(markingId));
    }

    /** The most restrictive TLP among the given marking refs, if any is a TLP marking. */
    public static Optional<Tlp> strictest(Collection<String> markingRefs) {
        Tlp worst = null;
        for (String ref : markingRefs) {
            Tlp t = BY_MARKING_ID.get(ref);
            if (t != null && (worst == null || t.isMoreRestrictiveThan(worst))) {
                worst = t;
            }
        }
        return Optional.ofNullable(worst);
    }

    /** The TLP of an object from its own markings, if it carries one. */
    public static Optional<Tlp> of(StixObject object) {
        return strictest(object.markingRefs());
    }

    /** The official TLP 2.0 marking-definition object for this level. */
    public StixObject markingDefinition() {
        ObjectNode o = StixJson.object();
        o.put("type", "marking-definition");
        o.put("spec_version", "2.1");
        o.put("id", markingId);
        o.put("created_by_ref", CREATOR);
        o.put("created", "2022-10-01T00:00:00.000Z");
        o.put("name", display());
        ObjectNode ext = o.putObject("extensions").putObject(EXTENSION_ID);
        ext.put("extension_type", "property-extension");
        ext.put("tlp_2_0", label);
        return StixObject.of(o);
    }
}
