package org.threatledger.ingest.misp;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import org.threatledger.ingest.ImportSink;
import org.threatledger.ingest.Rejection;
import org.threatledger.stix.StixJson;

/**
 * Reads the events of a MISP JSON document in any of its three envelopes: {@code {"Event":{…}}},
 * a bare event object, and the REST search response {@code {"response":[{"Event":{…}}, …]}}. The
 * document is streamed and only one event at a time is held as a tree, so a response of thousands
 * of events needs the memory of its largest event. Malformed JSON stops the document where it
 * breaks: the events read before are kept, and a rejection names the line.
 */
final class EventStream {
    /** Keys that only a bare event has at the top level. */
    static final Set<String> EVENT_KEYS = Set.of("Attribute", "Object", "Orgc", "Org", "info", "threat_level_id",
            "Galaxy", "analysis", "Tag");

    /** Receives each event with the line it starts on. */
    interface Events {
        void event(JsonNode event, long line);
    }

    private final String file;
    private final ImportSink sink;
    private final ObjectMapper mapper = StixJson.mapper();

    EventStream(String file, ImportSink sink) {
        this.file = file;
        this.sink = sink;
    }

    void read(InputStream in, Events events) throws IOException {
        try (JsonParser p = StixJson.factory().createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                reject(p.currentTokenLocation().getLineNr(), "document is not a JSON object, so not a MISP event");
                return;
            }
            ObjectNode bare = mapper.createObjectNode();
            boolean wrapped = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals("Event") && value == JsonToken.START_OBJECT) {
                    wrapped = true;
                    long line = p.currentTokenLocation().getLineNr();
                    events.event(mapper.readTree(p), line);
                } else if (name.equals("response") && value == JsonToken.START_ARRAY) {
                    wrapped = true;
                    response(p, events);
                } else {
                    bare.set(name, mapper.readTree(p));
                }
            }
            if (!wrapped) {
                bare(bare, events);
            }
        } catch (JsonProcessingException e) {
            reject(e.getLocation() == null ? 0 : e.getLocation().getLineNr(), "malformed JSON: "
                    + e.getOriginalMessage() + "; the events before this point were imported");
        }
    }

    private void response(JsonParser p, Events events) throws IOException {
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            long line = p.currentTokenLocation().getLineNr();
            if (t != JsonToken.START_OBJECT) {
                reject(line, "response entry is " + t + ", not an object with an Event");
                p.skipChildren();
                continue;
            }
            boolean found = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals("Event") && value == JsonToken.START_OBJECT) {
                    found = true;
                    long eventLine = p.currentTokenLocation().getLineNr();
                    events.event(mapper.readTree(p), eventLine);
                } else {
                    p.skipChildren();
                }
            }
            if (!found) {
                reject(line, "response entry has no Event object");
            }
        }
    }

    private void bare(ObjectNode bare, Events events) {
        boolean event = bare.properties().stream().anyMatch(e -> EVENT_KEYS.contains(e.getKey()));
        if (event) {
            events.event(bare, 1);
        } else {
            reject(1, "no Event, response or bare event found (top-level keys " + bare.properties().stream()
                    .map(java.util.Map.Entry::getKey).toList() + ")");
        }
    }

    private void reject(long line, String reason) {
        sink.reject(new Rejection(file, line, null, null, "misp-event", reason));
    }
}
