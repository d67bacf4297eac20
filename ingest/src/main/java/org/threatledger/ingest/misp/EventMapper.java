package org.threatledger.ingest.misp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.threatledger.ingest.ImportOptions;
import org.threatledger.ingest.ImportSink;
import org.threatledger.ingest.Rejection;
import org.threatledger.stix.Ids;
import org.threatledger.stix.StixObject;
import org.threatledger.stix.Timestamps;
import org.threatledger.stix.Tlp;

/**
 * One MISP event to STIX: the creator organisation's identity, the galaxies, the attributes (event
 * level, then each MISP object's), the sightings, and last the {@code report--<event uuid>} that
 * refers to all of them. The event's {@code timestamp} is the report's {@code modified}, its
 * {@code date} the {@code created} (never after {@code modified}). An event with no uuid or no time
 * at all is rejected whole; a bad attribute only rejects itself. Event reports (MISP's markdown
 * write-ups) become notes; proposals ({@code ShadowAttribute}) are not imported and are warned about;
 * {@code RelatedEvent} is the sending server's local correlation and is left out.
 *
 * <p>Organisation identities carry {@code created = modified = 1970-01-01T00:00:00Z}: MISP gives
 * them no date, and every event naming the organisation must produce the same object.
 */
final class EventMapper {
    private final String file;
    private final ImportOptions options;
    private final ImportSink sink;

    EventMapper(String file, ImportOptions options, ImportSink sink) {
        this.file = file;
        this.options = options;
        this.sink = sink;
    }

    /** Maps the event read at {@code line}. */
    void map(JsonNode event, long line) {
        String uuid = event.path("uuid").asText("").toLowerCase(Locale.ROOT);
        if (!Ids.isValid("report--" + uuid)) {
            sink.reject(new Rejection(file, line, null, "uuid", "misp-event",
                    "event '" + event.path("info").asText("") + "' has no valid uuid ('" + uuid + "')"));
            return;
        }
        Optional<Instant> modified = Times.epoch(event.get("timestamp"))
                .or(() -> Times.epoch(event.get("publish_timestamp"))).or(() -> Times.day(event.get("date")));
        if (modified.isEmpty()) {
            sink.reject(new Rejection(file, line, uuid, "timestamp", "misp-event",
                    "event has neither a timestamp nor a date"));
            return;
        }
        Tags tags = Tags.of(event.path("Tag"));
        Optional<Tlp> tlp = tags.tlp().or(() -> Optional.ofNullable(options.tlp()));
        StixObject org = organisation(event);
        EventScope scope = new EventScope(file, line, uuid, org.id(), tlp, modified.get(), sink);
        scope.emit(org);
        new EventGalaxies(scope).map(event.path("Galaxy"), true);
        AttributeMapper attributes = new AttributeMapper(scope);
        List<JsonNode> all = new ArrayList<>();
        for (JsonNode a : event.path("Attribute")) {
            all.add(a);
            attributes.check(a, false).ifPresent(attributes::map);
        }
        for (JsonNode object : event.path("Object")) {
            object.path("Attribute").forEach(all::add);
            new MispObjects(scope, attributes).map(object);
        }
        new Sightings(scope).map(all, event.path("Sighting"));
        eventReports(event.path("EventReport"), scope);
        if (!event.path("ShadowAttribute").isEmpty()) {
            scope.warn(uuid, "ShadowAttribute", "misp-event", event.path("ShadowAttribute").size()
                    + " proposals not imported: the event's organisation has not accepted them");
        }
        scope.emit(report(event, scope, tags, modified.get()));
    }

    private static void eventReports(JsonNode reports, EventScope scope) {
        for (JsonNode r : reports) {
            String uuid = r.path("uuid").asText("").toLowerCase(Locale.ROOT);
            if (!Ids.isValid("note--" + uuid) || !r.path("content").isTextual()) {
                scope.warn(uuid.isEmpty() ? null : uuid, "EventReport", "misp-event-report",
                        "event report '" + r.path("name").asText("") + "' has no valid uuid or content; not imported");
                continue;
            }
            Instant at = Times.epoch(r.get("timestamp")).orElse(scope.eventTime);
            ObjectNode o = Sdo.base("note", "note--" + uuid, at, at, EventScope.markings(scope.tlp));
            o.put("created_by_ref", scope.orgId);
            if (r.path("name").isTextual()) {
                o.put("abstract", r.path("name").asText());
            }
            o.put("content", r.path("content").asText());
            o.putArray("object_refs").add(scope.reportId());
            Sdo.externalId(o.putArray("external_references"), "misp", uuid);
            scope.emit(StixObject.of(o));
        }
    }

    private StixObject organisation(JsonNode event) {
        JsonNode orgc = event.path("Orgc").isObject() ? event.path("Orgc") : event.path("Org");
        String orgUuid = orgc.path("uuid").asText("");
        if (orgUuid.isEmpty()) {
            orgUuid = Ids.uuid5(Ids.NAMESPACE, "misp-org-name\u001f" + orgc.path("name").asText(options.source())).toString();
        }
        return Sdo.organisation(orgUuid, orgc.path("name").asText(null), Instant.EPOCH);
    }

    private StixObject report(JsonNode event, EventScope scope, Tags tags, Instant modified) {
        Instant day = Times.day(event.get("date")).orElse(modified);
        Instant created = day.isAfter(modified) ? modified : day;
        ObjectNode o = Sdo.base("report", scope.reportId(), created, modified, EventScope.markings(scope.tlp));
        o.put("created_by_ref", scope.orgId);
        o.put("name", event.path("info").asText(scope.eventUuid));
        o.putArray("report_types").add("threat-report");
        Instant published = Times.epoch(event.get("publish_timestamp")).filter(i -> i.getEpochSecond() > 0)
                .orElse(day);
        o.put("published", Timestamps.format(published));
        ArrayNode refs = o.putArray("object_refs");
        scope.refs().forEach(refs::add);
        if (!tags.labels().isEmpty()) {
            tags.labels().forEach(o.putArray("labels")::add);
        }
        ArrayNode ext = o.putArray("external_references");
        Sdo.externalId(ext, "misp", scope.eventUuid);
        ext.addAll(scope.links);
        return StixObject.of(o);
    }
}
