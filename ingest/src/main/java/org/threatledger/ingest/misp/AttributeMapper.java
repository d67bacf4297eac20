package org.threatledger.ingest.misp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.threatledger.stix.Ids;
import org.threatledger.stix.StixObject;
import org.threatledger.stix.Timestamps;
import org.threatledger.stix.Tlp;

/**
 * One MISP attribute to STIX. {@code to_ids: true} means "use for detection": an
 * {@code indicator--<attribute uuid>} with a STIX pattern (or a YARA/Snort/Sigma pattern for those
 * rule types) that {@code indicates} each actor and malware the event's galaxies name. Otherwise the
 * value was only observed: its SCOs and an {@code observed-data--<attribute uuid>} referring to them.
 * Text, comments and rules not meant for detection become notes on the report, links external
 * references of the report, CVEs
 * vulnerabilities. Attachments are not stored (a warning names them). A value that fails its type's
 * normalisation, an unknown type or a missing uuid rejects this attribute only.
 */
final class AttributeMapper {
    private static final Pattern UUID_FORM = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern CVE = Pattern.compile("CVE-\\d{4}-\\d{4,}", Pattern.CASE_INSENSITIVE);
    private static final Set<String> RULES = Set.of("yara", "snort", "sigma");
    private static final Set<String> NOTES = Set.of("text", "comment", "other");
    private static final Set<String> ATTACHMENTS = Set.of("attachment", "malware-sample");

    private final EventScope scope;

    AttributeMapper(EventScope scope) {
        this.scope = scope;
    }

    /** An attribute that is well formed enough to map: its uuid, type, value, time and TLP. */
    record Attribute(JsonNode json, String uuid, String type, String value, boolean toIds, Instant time,
                     Optional<Tlp> tlp, List<String> labels, boolean inObject, List<String> indicates) {
        List<String> markings() {
            return EventScope.markings(tlp);
        }
    }

    /**
     * Checks the fields every attribute needs; rejects and returns empty when one is missing.
     * {@code inObject}: the attribute is part of a MISP object, so a type with no STIX form is a
     * warning (a part of the object not mapped), not a rejection.
     */
    Optional<Attribute> check(JsonNode a, boolean inObject) {
        String uuid = a.path("uuid").asText("");
        if (!UUID_FORM.matcher(uuid).matches()) {
            scope.reject(null, "uuid", "attribute of type '" + a.path("type").asText("") + "' value '"
                    + a.path("value").asText("") + "' has no valid uuid ('" + uuid + "')");
            return Optional.empty();
        }
        uuid = uuid.toLowerCase(Locale.ROOT);
        if (a.path("deleted").asBoolean(false)) {
            scope.warn(uuid, "deleted", "misp-attribute", "attribute '" + a.path("value").asText("")
                    + "' is marked deleted in MISP; not imported");
            return Optional.empty();
        }
        if (!a.path("type").isTextual() || !a.path("value").isTextual()) {
            String field = a.path("type").isTextual() ? "value" : "type";
            scope.reject(uuid, field, "attribute has no " + field + " string (found " + a.path(field) + ")");
            return Optional.empty();
        }
        Tags tags = Tags.of(a.path("Tag"));
        List<String> indicates = new EventGalaxies(scope).map(a.path("Galaxy"), false);
        Instant time = Times.epoch(a.get("timestamp")).orElse(scope.eventTime);
        return Optional.of(new Attribute(a, uuid, a.get("type").asText(), a.get("value").asText(),
                a.path("to_ids").asBoolean(false), time, tags.strictest(scope.tlp), tags.labels(), inObject,
                indicates));
    }

    /** Maps one attribute on its own. */
    void map(Attribute a) {
        if (ATTACHMENTS.contains(a.type) || a.json.hasNonNull("data")) {
            scope.warn(a.uuid, "data", "misp-attribute", "attachment '" + a.value + "' (type " + a.type
                    + ") skipped: ThreatLedger does not store file contents");
        } else if (NOTES.contains(a.type) || RULES.contains(a.type) && !a.toIds) {
            note(a);
        } else if (a.type.equals("link")) {
            link(a);
        } else if (a.type.equals("vulnerability")) {
            vulnerability(a);
        } else if (RULES.contains(a.type) && a.toIds) {
            indicator("indicator--" + a.uuid, a.type, a.value, List.of(a));
        } else {
            observable(a);
        }
    }

    private void observable(Attribute a) {
        Optional<List<Comparison>> comparisons = comparisons(a);
        if (comparisons.isEmpty()) {
            return;
        }
        if (a.toIds) {
            indicator("indicator--" + a.uuid, "stix", AttributeTypes.pattern(comparisons.get()), List.of(a));
        } else {
            observedData(a, comparisons.get());
        }
    }

    /** The comparisons of an attribute, or empty after rejecting it. */
    Optional<List<Comparison>> comparisons(Attribute a) {
        try {
            Optional<List<Comparison>> c = AttributeTypes.comparisons(a.type, a.value);
            if (c.isEmpty() && a.inObject) {
                scope.warn(a.uuid, "type", "misp-attribute", "object attribute of MISP type '" + a.type + "' (value '"
                        + a.value + "') has no STIX mapping; not imported");
            } else if (c.isEmpty()) {
                scope.reject(a.uuid, "type", "MISP type '" + a.type + "' (value '" + a.value + "') has no STIX mapping");
            }
            return c;
        } catch (IllegalArgumentException e) {
            scope.reject(a.uuid, "value", "attribute of type '" + a.type + "': " + e.getMessage());
            return Optional.empty();
        }
    }

    /** An indicator made of one or more attributes (several for a MISP file object). */
    void indicator(String id, String patternType, String pattern, List<Attribute> from) {
        Attribute first = from.get(0);
        Instant created = from.stream().map(Attribute::time).min(Instant::compareTo).orElseThrow();
        Instant modified = from.stream().map(Attribute::time).max(Instant::compareTo).orElseThrow();
        Optional<Tlp> tlp = from.stream().map(Attribute::tlp).reduce(Optional.empty(), Tags::stricter);
        List<String> markings = EventScope.markings(tlp);
        ObjectNode o = Sdo.base("indicator", id, created, modified, markings);
        o.put("created_by_ref", scope.orgId);
        o.put("name", (from.size() == 1 ? first.type : "file") + ": " + first.value);
        String comment = first.json.path("comment").asText("");
        if (!comment.isBlank()) {
            o.put("description", comment);
        }
        o.put("pattern", pattern);
        o.put("pattern_type", patternType);
        o.put("valid_from", Timestamps.format(created));
        labels(o, from);
        ArrayNode refs = o.putArray("external_references");
        from.forEach(a -> Sdo.externalId(refs, "misp", a.uuid));
        scope.emit(StixObject.of(o));
        from.forEach(a -> scope.byAttribute.put(a.uuid, id));
        Set<String> targets = new LinkedHashSet<>(scope.indicated);
        from.forEach(a -> targets.addAll(a.indicates));
        for (String target : targets) {
            scope.emit(Sdo.relationship("indicates", id, target, modified, markings));
        }
    }

    private static void labels(ObjectNode o, List<Attribute> from) {
        ArrayNode labels = null;
        for (Attribute a : from) {
            for (String l : a.labels) {
                if (labels == null) {
                    labels = o.putArray("labels");
                }
                labels.add(l);
            }
        }
    }

    private void observedData(Attribute a, List<Comparison> comparisons) {
        List<StixObject> scos = Observables.of(comparisons, a.markings());
        if (scos.isEmpty()) {
            scope.reject(a.uuid, "type", "MISP type '" + a.type + "' (value '" + a.value
                    + "') has a pattern form but no observable form; set to_ids to use it for detection");
            return;
        }
        scos.forEach(scope::emit);
        String id = "observed-data--" + a.uuid;
        ObjectNode o = Sdo.base("observed-data", id, a.time, a.time, a.markings());
        o.put("created_by_ref", scope.orgId);
        o.put("first_observed", Timestamps.format(a.time));
        o.put("last_observed", Timestamps.format(a.time));
        o.put("number_observed", 1);
        ArrayNode refs = o.putArray("object_refs");
        scos.forEach(s -> refs.add(s.id()));
        labels(o, List.of(a));
        Sdo.externalId(o.putArray("external_references"), "misp", a.uuid);
        scope.emit(StixObject.of(o));
        scope.byAttribute.put(a.uuid, id);
    }

    private void note(Attribute a) {
        String id = "note--" + a.uuid;
        ObjectNode o = Sdo.base("note", id, a.time, a.time, a.markings());
        o.put("created_by_ref", scope.orgId);
        String comment = a.json.path("comment").asText("");
        if (!comment.isBlank()) {
            o.put("abstract", comment);
        }
        o.put("content", a.value);
        o.putArray("object_refs").add(scope.reportId());
        Sdo.externalId(o.putArray("external_references"), "misp", a.uuid);
        scope.emit(StixObject.of(o));
        scope.byAttribute.put(a.uuid, id);
    }

    private void link(Attribute a) {
        Sdo.url(scope.links, a.value.trim());
        String comment = a.json.path("comment").asText("");
        if (!comment.isBlank()) {
            ((ObjectNode) scope.links.get(scope.links.size() - 1)).put("description", comment);
        }
    }

    private void vulnerability(Attribute a) {
        String name = a.value.trim();
        boolean cve = CVE.matcher(name).matches();
        String id = cve ? Ids.derived("vulnerability", "cve", name.toUpperCase(Locale.ROOT)) : "vulnerability--" + a.uuid;
        ObjectNode o = Sdo.base("vulnerability", id, a.time, a.time, a.markings());
        o.put("name", cve ? name.toUpperCase(Locale.ROOT) : name);
        ArrayNode refs = o.putArray("external_references");
        if (cve) {
            Sdo.externalId(refs, "cve", name.toUpperCase(Locale.ROOT));
        }
        Sdo.externalId(refs, "misp", a.uuid);
        scope.emit(StixObject.of(o));
        scope.byAttribute.put(a.uuid, id);
    }
}
