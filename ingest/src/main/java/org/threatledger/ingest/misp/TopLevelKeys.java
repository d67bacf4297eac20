package org.threatledger.ingest.misp;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;
import org.threatledger.stix.StixJson;

/** The top-level keys of a JSON object, as far as the first bytes of a document show them. */
final class TopLevelKeys {
    private TopLevelKeys() {}

    /** The keys, in order; stops quietly where the head ends or stops being JSON. */
    static Set<String> of(byte[] head) {
        Set<String> keys = new LinkedHashSet<>();
        try (JsonParser p = StixJson.factory().createParser(head)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return keys;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                keys.add(p.currentName());
                p.nextToken();
                p.skipChildren();
            }
        } catch (IOException e) {
            return keys;
        }
        return keys;
    }
}
