package org.threatledger.stix;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Data markings (STIX 2.1 §7.2): granular marking selectors must select a property the object
 * has; TLP 1.0 definitions must be the four official objects; statements need their text; a TLP
 * 2.0 marking (§7.2.1.4, the OASIS extension) must carry the level its official id stands for.
 */
final class MarkingRules {
    /** STIX 2.1 §7.2.1.4: the four TLP 1.0 marking-definition ids and their levels. */
    static final Map<String, String> TLP1 = Map.of(
            "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9", "white",
            "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da", "green",
            "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82", "amber",
            "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed", "red");
    private static final Pattern INDEX = Pattern.compile("\\[(\\d{1,9})]");
    private static final Pattern LANG = Pattern.compile("[a-zA-Z]{2,8}(-[a-zA-Z0-9]{1,8})*");

    private MarkingRules() {}

    /** STIX 2.1 §7.2.3: each granular marking has marking_ref or lang (not both) and selectors that resolve. */
    static void checkGranular(StixObject o, Findings f) {
        JsonNode granular = o.get("granular_markings");
        if (granular == null || !granular.isArray()) {
            return;
        }
        for (int i = 0; i < granular.size(); i++) {
            JsonNode g = granular.get(i);
            String at = "granular_markings[" + i + "]";
            if (!g.isObject()) {
                continue;
            }
            JsonNode ref = g.get("marking_ref");
            JsonNode lang = g.get("lang");
            if ((ref == null) == (lang == null)) {
                f.error(at, null, "a granular marking has exactly one of marking_ref and lang");
            }
            if (ref != null && !(ref.isTextual() && Ids.isValid(ref.asText())
                    && Ids.typeOf(ref.asText()).equals("marking-definition"))) {
                f.error(at + ".marking_ref", ref, "must be a marking-definition id");
            }
            if (lang != null && !(lang.isTextual() && LANG.matcher(lang.asText()).matches())) {
                f.error(at + ".lang", lang, "not an RFC 5646 language tag");
            }
            checkSelectors(o, g.get("selectors"), at + ".selectors", f);
        }
    }

    private static void checkSelectors(StixObject o, JsonNode selectors, String at, Findings f) {
        if (selectors == null || !selectors.isArray() || selectors.isEmpty()) {
            f.error(at, selectors, "a granular marking needs a non-empty list of selectors");
            return;
        }
        for (JsonNode s : selectors) {
            if (!s.isTextual()) {
                f.error(at, s, "a selector must be a string");
            } else if (!resolves(o.json(), s.asText())) {
                f.error(at, s, "the selector does not select any property of the object");
            }
        }
    }

    /** STIX 2.1 §7.2.3.1: dotted property names with [n] list indexes, e.g. external_references.[0].url. */
    static boolean resolves(JsonNode root, String selector) {
        JsonNode node = root;
        for (String step : selector.split("\\.", -1)) {
            Matcher index = INDEX.matcher(step);
            if (index.matches()) {
                int i = Integer.parseInt(index.group(1));
                if (!node.isArray() || i >= node.size()) {
                    return false;
                }
                node = node.get(i);
            } else {
                if (!node.isObject() || step.isEmpty() || !node.has(step)) {
                    return false;
                }
                node = node.get(step);
            }
        }
        return node != root;
    }

    static void checkDefinition(StixObject o, Findings f) {
        JsonNode type = o.get("definition_type");
        JsonNode definition = o.get("definition");
        String tlp1 = TLP1.get(o.id());
        if (!o.has("extensions")) {
            if (type == null) {
                f.missing("definition_type");
            }
            if (definition == null) {
                f.missing("definition");
            }
        }
        if (type != null && type.isTextual() && definition != null) {
            switch (type.asText()) {
                case "tlp" -> checkTlp1(o, definition, tlp1, f);
                case "statement" -> {
                    JsonNode statement = definition.get("statement");
                    if (statement == null || !statement.isTextual()) {
                        f.error("definition.statement", statement, "a statement marking needs the statement text");
                    }
                }
                default -> { }
            }
        }
        if (tlp1 != null && !(type != null && type.asText().equals("tlp"))) {
            f.error("definition_type", type, "the official TLP:" + tlp1.toUpperCase() + " marking has definition_type 'tlp'");
        }
        checkTlp2(o, f);
    }

    private static void checkTlp1(StixObject o, JsonNode definition, String tlp1, Findings f) {
        JsonNode level = definition.get("tlp");
        if (level == null || !level.isTextual() || !TLP1.containsValue(level.asText())) {
            f.error("definition.tlp", level, "must be one of white, green, amber, red");
        } else if (!level.asText().equals(tlp1)) {
            f.error("id", o.get("id"), "a TLP:" + level.asText().toUpperCase()
                    + " marking must use the official id from STIX 2.1 §7.2.1.4");
        }
    }

    private static void checkTlp2(StixObject o, Findings f) {
        JsonNode ext = o.json().path("extensions").get(Tlp.EXTENSION_ID);
        Optional<Tlp> official = Tlp.ofMarking(o.id()).filter(t -> t.markingId().equals(o.id()));
        if (ext == null) {
            return;
        }
        JsonNode level = ext.get("tlp_2_0");
        Optional<Tlp> stated = level != null && level.isTextual() ? Tlp.parse(level.asText()) : Optional.empty();
        if (stated.isEmpty()) {
            f.error("extensions." + Tlp.EXTENSION_ID + ".tlp_2_0", level, "must be clear, green, amber, amber+strict or red");
        } else if (official.isPresent() && official.get() != stated.get()) {
            f.error("extensions." + Tlp.EXTENSION_ID + ".tlp_2_0", level,
                    "the official marking " + o.id() + " stands for " + official.get().label());
        }
    }
}
