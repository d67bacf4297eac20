package org.threatledger.stix;

import static org.threatledger.stix.StixType.Value.BOOLEAN;
import static org.threatledger.stix.StixType.Value.DICTIONARY;
import static org.threatledger.stix.StixType.Value.IDENTIFIER;
import static org.threatledger.stix.StixType.Value.IDENTIFIER_LIST;
import static org.threatledger.stix.StixType.Value.INTEGER;
import static org.threatledger.stix.StixType.Value.OBJECT_LIST;
import static org.threatledger.stix.StixType.Value.STRING;
import static org.threatledger.stix.StixType.Value.STRING_LIST;
import static org.threatledger.stix.StixType.Value.TIMESTAMP;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.threatledger.stix.StixType.Kind;
import org.threatledger.stix.StixType.Targets;
import org.threatledger.stix.StixType.Value;

/**
 * The common properties of STIX 2.1 §3 (what every SDO, SRO, SCO and meta object shares):
 * which ones each kind has and requires, and the rules on type, id, spec_version, created/modified,
 * confidence, lang, external references and extensions.
 */
final class CommonRules {
    static final Map<String, Value> SDO_COMMON = Map.ofEntries(
            Map.entry("type", STRING), Map.entry("spec_version", STRING), Map.entry("id", IDENTIFIER),
            Map.entry("created_by_ref", IDENTIFIER), Map.entry("created", TIMESTAMP), Map.entry("modified", TIMESTAMP),
            Map.entry("revoked", BOOLEAN), Map.entry("labels", STRING_LIST), Map.entry("confidence", INTEGER),
            Map.entry("lang", STRING), Map.entry("external_references", OBJECT_LIST),
            Map.entry("object_marking_refs", IDENTIFIER_LIST), Map.entry("granular_markings", OBJECT_LIST),
            Map.entry("extensions", DICTIONARY));
    static final Map<String, Value> SCO_COMMON = Map.of(
            "type", STRING, "spec_version", STRING, "id", IDENTIFIER, "object_marking_refs", IDENTIFIER_LIST,
            "granular_markings", OBJECT_LIST, "defanged", BOOLEAN, "extensions", DICTIONARY);
    static final Map<String, Value> MARKING_COMMON = Map.of(
            "type", STRING, "spec_version", STRING, "id", IDENTIFIER, "created_by_ref", IDENTIFIER,
            "created", TIMESTAMP, "external_references", OBJECT_LIST, "object_marking_refs", IDENTIFIER_LIST,
            "granular_markings", OBJECT_LIST, "extensions", DICTIONARY);

    /** In a fixed order, so findings come out in the same order on every run. */
    static final Map<String, Targets> COMMON_REFERENCES = new TreeMap<>(Map.of(
            "created_by_ref", Targets.of("identity"), "object_marking_refs", Targets.of("marking-definition")));

    /** STIX 2.1 §3.1: type names are lower-case ASCII, digits and hyphens, 3 to 250 characters. */
    private static final Pattern TYPE_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{1,248}[a-z0-9]");
    /** RFC 5646 language tag, in the simple form every real tag takes. */
    private static final Pattern LANG = Pattern.compile("[a-zA-Z]{2,8}(-[a-zA-Z0-9]{1,8})*");
    private static final Pattern CVE = Pattern.compile("CVE-\\d{4}-(0\\d{3}|[1-9]\\d{3,})");
    private static final Pattern CAPEC = Pattern.compile("CAPEC-\\d+");
    private static final Set<String> EXTENSION_TYPES = Set.of(
            "new-sdo", "new-sco", "new-sro", "property-extension", "toplevel-property-extension");

    private CommonRules() {}

    /** The common properties an object of this type and kind may carry. */
    static Map<String, Value> commonOf(String type, Kind kind) {
        if (type.equals("marking-definition")) {
            return MARKING_COMMON;
        }
        return kind == Kind.SCO ? SCO_COMMON : SDO_COMMON;
    }

    static void check(StixObject o, Kind kind, boolean registered, Findings f) {
        checkType(o, registered, f);
        checkId(o, f);
        checkSpecVersion(o, kind, f);
        if (kind != Kind.SCO) {
            require(o, "created", f);
            if (!o.type().equals("marking-definition")) {
                require(o, "modified", f);
            }
        }
        Timeline.order(o, "created", "modified", false, f);
        JsonNode confidence = o.get("confidence");
        if (confidence != null && JsonValues.isInteger(confidence) && !JsonValues.inRange(confidence, 0, 100)) {
            f.error("confidence", confidence, "must be an integer from 0 to 100");
        }
        JsonNode lang = o.get("lang");
        if (lang != null && lang.isTextual() && !LANG.matcher(lang.asText()).matches()) {
            f.warn("lang", lang, "not an RFC 5646 language tag");
        }
        checkExternalReferences(o.get("external_references"), f);
        checkExtensions(o.get("extensions"), f);
    }

    private static void require(StixObject o, String property, Findings f) {
        if (!o.has(property)) {
            f.missing(property);
        }
    }

    private static void checkType(StixObject o, boolean registered, Findings f) {
        String type = o.type();
        if (!TYPE_NAME.matcher(type).matches() || type.contains("--")) {
            f.error("type", o.get("type"), "a type name has 3 to 250 lower-case letters, digits and single hyphens");
        } else if (!registered && !type.startsWith("x-") && !Extensions.definesNewObject(o)) {
            f.error("type", o.get("type"),
                    "a custom object type must start with 'x-' or be defined by an extension (new-sdo, new-sco, new-sro)");
        }
    }

    private static void checkId(StixObject o, Findings f) {
        String id = o.id();
        if (!Ids.isValid(id)) {
            f.error("id", o.get("id"), "not an identifier of the form type--uuid");
        } else if (!Ids.typeOf(id).equals(o.type())) {
            f.error("id", o.get("id"), "the id's type part must equal the object's type '" + o.type() + "'");
        }
    }

    private static void checkSpecVersion(StixObject o, Kind kind, Findings f) {
        JsonNode sv = o.get("spec_version");
        if (sv == null) {
            if (kind != Kind.SCO) {
                f.missing("spec_version");
            }
        } else if (!sv.isTextual() || !sv.asText().equals("2.1")) {
            f.error("spec_version", sv, "must be \"2.1\"");
        }
    }

    /** STIX 2.1 §2.5: source_name is required; capec and cve references need an external_id of their form. */
    static void checkExternalReferences(JsonNode refs, Findings f) {
        if (refs == null || !refs.isArray()) {
            return;
        }
        for (int i = 0; i < refs.size(); i++) {
            JsonNode r = refs.get(i);
            String at = "external_references[" + i + "]";
            if (!r.isObject()) {
                continue;
            }
            JsonNode source = r.get("source_name");
            if (source == null || !source.isTextual()) {
                f.error(at + ".source_name", source, "every external reference needs a source_name string");
                continue;
            }
            for (String p : new String[] {"description", "url", "external_id"}) {
                JsonNode v = r.get(p);
                if (v != null && !v.isTextual()) {
                    f.error(at + "." + p, v, "expected a string, found " + JsonValues.describe(v));
                }
            }
            JsonNode eid = r.get("external_id");
            Pattern form = switch (source.asText()) {
                case "cve" -> CVE;
                case "capec" -> CAPEC;
                default -> null;
            };
            if (form != null && (eid == null || !eid.isTextual() || !form.matcher(eid.asText()).matches())) {
                f.error(at + ".external_id", eid, "a " + source.asText() + " reference needs an external_id like "
                        + (form == CVE ? "CVE-2016-0001" : "CAPEC-163"));
            }
            JsonNode hashes = r.get("hashes");
            if (hashes != null) {
                Hashes.check(at + ".hashes", hashes, f);
            }
        }
    }

    /** STIX 2.1 §3.2 / §7.3: extension keys are extension-definition ids (or predefined *-ext names). */
    private static void checkExtensions(JsonNode extensions, Findings f) {
        if (extensions == null || !extensions.isObject()) {
            return;
        }
        if (extensions.isEmpty()) {
            f.error("extensions", extensions, "must not be empty");
        }
        for (Map.Entry<String, JsonNode> e : extensions.properties()) {
            String key = e.getKey();
            String at = "extensions." + key;
            if (!e.getValue().isObject()) {
                f.error(at, e.getValue(), "an extension must be an object");
            } else if (key.startsWith("extension-definition--")) {
                if (!Ids.isValid(key)) {
                    f.error(at, null, "not a valid extension-definition id");
                }
                JsonNode et = e.getValue().get("extension_type");
                if (et != null && !(et.isTextual() && EXTENSION_TYPES.contains(et.asText()))) {
                    f.error(at + ".extension_type", et, "must be one of " + EXTENSION_TYPES.stream().sorted().toList());
                }
            } else if (!key.endsWith("-ext")) {
                f.warn(at, null, "an extension key should be an extension-definition id or a predefined *-ext name");
            }
        }
    }

    /** STIX 2.1 §11.1 custom property names, {@code [a-z0-9_]{3,250}}, checked by hand: it runs for every custom property of every object. */
    static boolean isPropertyName(String p) {
        int n = p.length();
        if (n < 3 || n > 250) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = p.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_')) {
                return false;
            }
        }
        return true;
    }
}
