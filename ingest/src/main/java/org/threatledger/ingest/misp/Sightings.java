package org.threatledger.ingest.misp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.threatledger.stix.Ids;
import org.threatledger.stix.StixObject;
import org.threatledger.stix.Timestamps;

/**
 * MISP sightings (on attributes, or in the event's {@code Sighting} list). Type 0 ("seen") becomes a
 * STIX {@code sighting--<sighting uuid>} of the object the attribute became, sighted by the
 * sighting's organisation. Type 1 ("false positive") is not a sighting in STIX's sense but an
 * analyst's judgement, so it becomes an {@code opinion--<sighting uuid>} of {@code strongly-disagree}
 * on that object (as MISP's own STIX export does). Type 2 (expiration) has no STIX counterpart and
 * is warned about.
 */
final class Sightings {
    private final EventScope scope;

    Sightings(EventScope scope) {
        this.scope = scope;
    }

    void map(List<JsonNode> attributes, JsonNode eventSightings) {
        for (JsonNode a : attributes) {
            for (JsonNode s : a.path("Sighting")) {
                sighting(s, a.path("uuid").asText(""));
            }
        }
        for (JsonNode s : eventSightings) {
            sighting(s, s.path("attribute_uuid").asText(""));
        }
    }

    private void sighting(JsonNode s, String attributeUuid) {
        String attribute = s.path("attribute_uuid").asText(attributeUuid).toLowerCase(Locale.ROOT);
        String target = scope.byAttribute.get(attribute);
        String uuid = s.path("uuid").asText("").toLowerCase(Locale.ROOT);
        Optional<Instant> when = Times.epoch(s.get("date_sighting"));
        if (target == null || when.isEmpty() || !Ids.isValid("sighting--" + uuid)) {
            scope.warn(uuid.isEmpty() ? null : uuid, target == null ? "attribute_uuid" : "date_sighting", "misp-sighting",
                    "sighting of attribute " + attribute + " not imported: "
                            + (target == null ? "the attribute was not imported" : "no valid uuid or date_sighting"));
            return;
        }
        String type = s.path("type").asText("0");
        if (!type.equals("0") && !type.equals("1")) {
            scope.warn(uuid, "type", "misp-sighting", "sighting of attribute " + attribute + " has type " + type
                    + " (expiration), which has no STIX counterpart; not imported");
            return;
        }
        JsonNode org = s.path("Organisation");
        String orgId = scope.orgId;
        if (org.path("uuid").isTextual()) {
            StixObject identity = Sdo.organisation(org.path("uuid").asText(), org.path("name").asText(null), Instant.EPOCH);
            scope.emit(identity);
            orgId = identity.id();
        }
        List<String> markings = EventScope.markings(scope.tlp);
        if (type.equals("1")) {
            scope.emit(falsePositive(uuid, target, orgId, when.get(), markings));
            return;
        }
        ObjectNode o = Sdo.base("sighting", "sighting--" + uuid, when.get(), when.get(), markings);
        o.put("created_by_ref", orgId);
        o.put("first_seen", Timestamps.format(when.get()));
        o.put("last_seen", Timestamps.format(when.get()));
        o.put("count", 1);
        o.put("sighting_of_ref", target);
        o.putArray("where_sighted_refs").add(orgId);
        Sdo.externalId(o.putArray("external_references"), "misp", uuid);
        scope.emit(StixObject.of(o));
    }

    private static StixObject falsePositive(String uuid, String target, String orgId, Instant when, List<String> markings) {
        ObjectNode o = Sdo.base("opinion", "opinion--" + uuid, when, when, markings);
        o.put("created_by_ref", orgId);
        o.put("opinion", "strongly-disagree");
        o.put("explanation", "MISP sighting of type 1: reported as a false positive");
        o.putArray("object_refs").add(target);
        Sdo.externalId(o.putArray("external_references"), "misp", uuid);
        return StixObject.of(o);
    }
}
