package org.threatledger.ingest.misp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.threatledger.ingest.FeedInput;
import org.threatledger.ingest.ImportOptions;
import org.threatledger.ingest.ImportSink;
import org.threatledger.ingest.Importer;
import org.threatledger.ingest.Rejection;
import org.threatledger.stix.StixException;

/**
 * MISP events (MISP core format JSON) in any envelope: {@code {"Event":…}}, a bare event, or a REST
 * search response. Each event becomes a {@code report--<event uuid>} with the indicators, observables,
 * notes, vulnerabilities, galaxy stubs and sightings it yields; see {@link EventMapper} for the
 * mapping and {@link EventGalaxies} for the dates of galaxy stubs.
 */
public final class MispEventImporter implements Importer {

    public MispEventImporter() {
        // registered explicitly in the importer list
    }

    @Override
    public String format() {
        return "misp";
    }

    /** A JSON object whose top-level keys are an Event, a response holding Events, or those of a bare event. */
    @Override
    public boolean recognises(String name, byte[] head) {
        Set<String> keys = TopLevelKeys.of(head);
        if (keys.contains("Event")) {
            return true;
        }
        String text = new String(head, StandardCharsets.UTF_8);
        if (keys.contains("response")) {
            return text.contains("\"Event\"");
        }
        return !keys.isEmpty() && EventStream.EVENT_KEYS.contains(keys.iterator().next()) && !keys.contains("type");
    }

    /** Reads every event of the document. */
    @Override
    public void read(FeedInput input, ImportOptions options, ImportSink sink) throws IOException {
        String file = input.name();
        EventMapper mapper = new EventMapper(file, options, sink);
        try (InputStream in = input.open()) {
            new EventStream(file, sink).read(in, (event, line) -> {
                try {
                    mapper.map(event, line);
                } catch (StixException | IllegalArgumentException e) {
                    sink.reject(new Rejection(file, line, event.path("uuid").asText(null), null, "misp-event",
                            "event could not be mapped: " + e.getMessage()));
                }
            });
        }
    }
}
