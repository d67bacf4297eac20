package org.threatledger.telemetry;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one JSON-lines record into a flat map: nested objects become dotted keys
 * ({@code {"id":{"orig_h":..}}} -> {@code id.orig_h}), scalars keep their JSON text (numbers
 * exactly as written, so {@code ts} loses no microsecond), booleans become {@link Boolean}, arrays of
 * scalars a {@code List<String>}. Jackson's streaming parser, no tree.
 */
final class JsonLines {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).build())
            .build();

    private JsonLines() {}

    /** The record, or null when the line is not one JSON object. */
    static Map<String, Object> read(byte[] buf, int from, int to) {
        try (JsonParser p = FACTORY.createParser(buf, from, to - from)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            Map<String, Object> out = new HashMap<>(48);
            object(p, "", out);
            return p.nextToken() == null ? out : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static void object(JsonParser p, String prefix, Map<String, Object> out) throws IOException {
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            String key = prefix.isEmpty() ? p.currentName() : prefix + "." + p.currentName();
            JsonToken v = p.nextToken();
            switch (v) {
                case START_OBJECT -> object(p, key, out);
                case START_ARRAY -> out.put(key, array(p));
                case VALUE_NULL -> out.remove(key);
                case VALUE_TRUE, VALUE_FALSE -> out.put(key, v == JsonToken.VALUE_TRUE);
                default -> out.put(key, p.getText());
            }
        }
    }

    private static List<String> array(JsonParser p) throws IOException {
        List<String> out = new ArrayList<>(4);
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                p.skipChildren();
            } else if (t != JsonToken.VALUE_NULL) {
                out.add(p.getText());
            }
        }
        return out;
    }

    /** Why a line that is no JSON object failed: control bytes mean binary garbage. */
    static ParseError failure(byte[] buf, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = buf[i];
            if (b >= 0 && b < 0x20 && b != '\t' && b != '\r') {
                return ParseError.BINARY_GARBAGE;
            }
        }
        return ParseError.BAD_JSON;
    }
}
