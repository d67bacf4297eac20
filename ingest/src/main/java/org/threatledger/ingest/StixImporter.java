package org.threatledger.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.threatledger.stix.BundleReader;
import org.threatledger.stix.ReadProblem;

/**
 * STIX 2.0 and 2.1 documents: bundles, bare objects, arrays. Streams, so a 1 GB bundle needs a few
 * MB of heap; 2.0 content is upgraded by the reader. Objects are passed on as they are, custom
 * properties and {@code x-} objects included; the store decides what is new.
 */
public final class StixImporter implements Importer {
    @Override
    public String format() {
        return "stix";
    }

    @Override
    public boolean recognises(String name, byte[] head) {
        String text = new String(head, StandardCharsets.UTF_8);
        String trimmed = text.stripLeading();
        if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) {
            return false;
        }
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        // a .json file that no more specific importer took is STIX; the reader says what is wrong with it
        return lower.endsWith(".json") || lower.endsWith(".json.gz")
                || text.contains("\"type\"") && text.contains("\"id\"")
                && (text.contains("\"bundle\"") || text.contains("\"spec_version\"") || text.contains("--"));
    }

    @Override
    public void read(FeedInput input, ImportOptions options, ImportSink sink) throws IOException {
        readDocument(input, sink);
    }

    /** Streams a STIX document's objects into the sink, its problems as rejections. */
    static void readDocument(FeedInput input, ImportSink sink) throws IOException {
        try (InputStream in = input.open()) {
            BundleReader.read(in, input.name(), sink::object, p -> sink.reject(toRejection(p)));
        }
    }

    static Rejection toRejection(ReadProblem p) {
        String type = p.objectId() == null ? "document" : org.threatledger.stix.Ids.typeOf(p.objectId());
        return new Rejection(p.source(), p.line(), p.objectId(), p.property(), type, p.message());
    }
}
