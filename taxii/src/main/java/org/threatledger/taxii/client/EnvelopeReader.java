package org.threatledger.taxii.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.threatledger.stix.StixException;
import org.threatledger.stix.StixJson;
import org.threatledger.stix.StixObject;

/**
 * Streams a TAXII 2.1 envelope ({@code more}, {@code next}, {@code objects}, in any order) one
 * object at a time, so a page costs one object of memory and every object before a break in the
 * JSON has already been handed on when the break is found.
 */
final class EnvelopeReader {
    private EnvelopeReader() {}

    /** Receives what the envelope holds, in order. */
    interface Sink {
        void object(StixObject object);

        /** An element that is not a STIX object at all (no id or type, not a JSON object). */
        void unreadable(String objectId, String reason);
    }

    /** The envelope's paging fields. */
    record Envelope(boolean more, String next) { }

    /** Reads the envelope in {@code response}; fails with the URL and the position of what is wrong. */
    static Envelope read(Transport.Response response, Sink sink) {
        String url = response.uri().toString();
        try (JsonParser p = StixJson.factory().createParser(response.body())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new TaxiiException(url, "not a TAXII envelope: expected a JSON object");
            }
            boolean more = false;
            String next = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "more" -> {
                        if (!value.isBoolean()) {
                            throw new TaxiiException(url, "envelope property 'more' must be true or false, found " + p.getText());
                        }
                        more = p.getBooleanValue();
                    }
                    case "next" -> {
                        if (value != JsonToken.VALUE_STRING) {
                            throw new TaxiiException(url, "envelope property 'next' must be a string, found " + p.getText());
                        }
                        next = p.getText();
                    }
                    case "objects" -> objects(p, url, sink);
                    default -> p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                throw new TaxiiException(url, "content after the end of the envelope at line " + p.currentLocation().getLineNr());
            }
            return new Envelope(more, next);
        } catch (BoundedInputStream.TooLarge e) {
            throw new TaxiiException(url, e.getMessage(), e);
        } catch (JsonProcessingException e) {
            throw new TaxiiException(url, "invalid JSON: " + e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr() + " column " + e.getLocation().getColumnNr(), e);
        } catch (IOException e) {
            throw new TaxiiException(url, "reading the response failed: " + Transport.describe(e), e);
        }
    }

    private static void objects(JsonParser p, String url, Sink sink) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new TaxiiException(url, "envelope property 'objects' must be an array, found " + p.getText());
        }
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                sink.unreadable(null, "an element of 'objects' is " + p.getText() + ", not a JSON object");
                p.skipChildren();
                continue;
            }
            JsonNode node = StixJson.mapper().readTree(p);
            StixObject object;
            try {
                object = StixObject.of((ObjectNode) node);
            } catch (StixException e) {
                JsonNode id = node.get("id");
                sink.unreadable(id != null && id.isTextual() ? id.asText() : null, e.getMessage());
                continue;
            }
            sink.object(object);
        }
    }
}
