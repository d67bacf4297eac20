package org.threatledger.ingest.misp;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.threatledger.ingest.ImportSink;
import org.threatledger.ingest.Rejection;
import org.threatledger.stix.StixJson;
import org.threatledger.stix.StixObject;
import org.threatledger.stix.Tlp;

/**
 * What the objects of one MISP event share while it is mapped: where it came from, its
 * organisation and TLP, the actors and malware its galaxies name, and the ids emitted so far (the
 * report's {@code object_refs}; an object two attributes share, such as one SCO, is emitted once).
 * Rejections and warnings carry the line where the event starts: an event is read as one tree, so
 * its attributes have no line of their own; the attribute uuid names them.
 */
final class EventScope {
    final String file;
    final long line;
    final String eventUuid;
    final String orgId;
    final Optional<Tlp> tlp;
    final Instant eventTime;
    /** Actors and malware named by the event's galaxies: the targets of {@code indicates}. */
    final List<String> indicated = new ArrayList<>();
    /** External references the report gains from {@code link} attributes. */
    final ArrayNode links = StixJson.mapper().createArrayNode();
    /** MISP attribute uuid to the SDO made of it, for sightings. */
    final Map<String, String> byAttribute = new HashMap<>();
    private final ImportSink sink;
    private final Set<String> refs = new LinkedHashSet<>();
    private final Set<String> emitted = new HashSet<>();

    EventScope(String file, long line, String eventUuid, String orgId, Optional<Tlp> tlp, Instant eventTime,
               ImportSink sink) {
        this.file = file;
        this.line = line;
        this.eventUuid = eventUuid;
        this.orgId = orgId;
        this.tlp = tlp;
        this.eventTime = eventTime;
        this.sink = sink;
    }

    /** The marking refs for a TLP, or none. */
    static List<String> markings(Optional<Tlp> tlp) {
        return tlp.map(t -> List.of(t.markingId())).orElse(List.of());
    }

    /** Passes an object on, once per event, and records it for the report. */
    void emit(StixObject o) {
        if (emitted.add(o.id() + "@" + o.version())) {
            refs.add(o.id());
            sink.object(o);
        }
    }

    void reject(String attributeUuid, String field, String reason) {
        sink.reject(new Rejection(file, line, attributeUuid, field, "misp-attribute",
                "event " + eventUuid + ": " + reason));
    }

    void warn(String objectId, String field, String type, String reason) {
        sink.warn(new Rejection(file, line, objectId, field, type, "event " + eventUuid + ": " + reason));
    }

    String reportId() {
        return "report--" + eventUuid;
    }

    Set<String> refs() {
        return refs;
    }
}
