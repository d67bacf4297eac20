package org.threatledger.stix;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Streams the objects of a STIX document: a bundle, a bare object, or a JSON array of objects.
 * Only one object is in memory at a time, so a 1 GB bundle reads in a few MB of heap.
 *
 * <p>STIX 2.0 objects (no {@code spec_version}) are upgraded to 2.1 on the way ({@link Upgrade20}).
 * A bad object is reported and skipped; malformed JSON ends the document (JSON cannot be
 * resynchronised), keeping every object read before it.
 */
public final class BundleReader {
    private final String source;
    private final Consumer<StixObject> objects;
    private final Consumer<ReadProblem> problems;
    private String bundleSpecVersion;

    private BundleReader(String source, Consumer<StixObject> objects, Consumer<ReadProblem> problems) {
        this.source = source;
        this.objects = objects;
        this.problems = problems;
    }

    /**
     * Reads {@code in} to the end, passing each object and each problem on as it is found.
     *
     * @return the number of objects passed on
     */
    public static long read(InputStream in, String source, Consumer<StixObject> objects, Consumer<ReadProblem> problems) {
        return new BundleReader(source, objects, problems).readAll(in);
    }

    private long readAll(InputStream in) {
        long[] count = {0};
        Consumer<StixObject> counting = o -> {
            count[0]++;
            objects.accept(o);
        };
        try (JsonParser p = StixJson.factory().createParser(in)) {
            p.setCodec(StixJson.mapper());
            JsonToken first = p.nextToken();
            if (first == null) {
                problems.accept(new ReadProblem(source, 0, null, null, "empty document"));
            } else if (first == JsonToken.START_ARRAY) {
                readArray(p, counting);
            } else if (first == JsonToken.START_OBJECT) {
                readTopObject(p, counting);
            } else {
                problems.accept(new ReadProblem(source, line(p), null, null,
                        "expected a STIX bundle, object or array of objects, found " + describe(p)));
            }
        } catch (StreamConstraintsException e) {
            problems.accept(new ReadProblem(source, e.getLocation() == null ? 0 : e.getLocation().getLineNr(), null, null,
                    "refused: " + limitMessage(e) + "; the rest of the document is skipped"));
        } catch (CharConversionException e) {
            problems.accept(new ReadProblem(source, 0, null, null,
                    "not UTF-8 text: " + e.getMessage() + "; the rest of the document is skipped"));
        } catch (JsonProcessingException e) {
            problems.accept(new ReadProblem(source, e.getLocation() == null ? 0 : e.getLocation().getLineNr(), null, null,
                    "malformed JSON: " + e.getOriginalMessage()
                            + (e.getLocation() == null ? "" : " (column " + e.getLocation().getColumnNr() + ")")
                            + "; the rest of the document is skipped"));
        } catch (IOException e) {
            problems.accept(new ReadProblem(source, 0, null, null,
                    "read failed: " + e.getMessage() + "; the rest of the document is skipped"));
        }
        return count[0];
    }

    private void readArray(JsonParser p, Consumer<StixObject> out) throws IOException {
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() == null) {
                throw new com.fasterxml.jackson.core.JsonParseException(p, "unexpected end of input inside an array");
            }
            readElement(p, out);
        }
    }

    /** A top-level object is either a bundle (read its objects as they stream) or one STIX object. */
    private void readTopObject(JsonParser p, Consumer<StixObject> out) throws IOException {
        long startLine = line(p);
        ObjectNode head = StixJson.object();
        boolean isBundle = false;
        boolean sawObjects = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if ("objects".equals(field) && value == JsonToken.START_ARRAY
                    && (isBundle || !head.has("type"))) {
                sawObjects = true;
                readArray(p, out);
            } else {
                JsonNode node = p.readValueAsTree();
                head.set(field, node);
                if ("type".equals(field) && node.isTextual() && node.asText().equals("bundle")) {
                    isBundle = true;
                }
                if ("spec_version".equals(field) && node.isTextual()) {
                    bundleSpecVersion = node.asText();
                }
            }
        }
        if (p.currentToken() != JsonToken.END_OBJECT) {
            throw new com.fasterxml.jackson.core.JsonParseException(p, "unexpected end of input");
        }
        if (isBundle || sawObjects) {
            return;
        }
        take(head, startLine, out);
    }

    private void readElement(JsonParser p, Consumer<StixObject> out) throws IOException {
        long line = line(p);
        JsonNode node = p.readValueAsTree();
        if (!(node instanceof ObjectNode object)) {
            problems.accept(new ReadProblem(source, line, null, null,
                    "expected an object in 'objects', found " + node.getNodeType().name().toLowerCase()));
            return;
        }
        take(object, line, out);
    }

    private void take(ObjectNode object, long line, Consumer<StixObject> out) {
        try {
            if (Upgrade20.needsUpgrade(object, bundleSpecVersion)) {
                Upgrade20.upgrade(object);
            }
            StixObject o = StixObject.of(object);
            Optional<ReadProblem> wrong = Shape.check(o, source, line);
            if (wrong.isPresent()) {
                problems.accept(wrong.get());
            } else {
                out.accept(o);
            }
        } catch (StixException e) {
            JsonNode id = object.get("id");
            problems.accept(new ReadProblem(source, line, id != null && id.isTextual() ? id.asText() : null, null, e.getMessage()));
        }
    }

    /** The limits of {@link StixJson}, named in words a user can act on. */
    private static String limitMessage(StreamConstraintsException e) {
        String m = e.getOriginalMessage();
        if (m.contains("nesting depth")) {
            return "the document nests deeper than " + StixJson.MAX_NESTING + " levels";
        }
        if (m.contains("String value length")) {
            return "a string is longer than the " + (StixJson.MAX_STRING >> 20) + " MB limit";
        }
        if (m.contains("Number value length")) {
            return "a number has too many digits";
        }
        return m;
    }

    private static String describe(JsonParser p) throws IOException {
        String text = p.getText();
        String kind = switch (p.currentToken()) {
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_STRING -> "a string";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> "a token";
        };
        return kind + " '" + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "'";
    }

    private static long line(JsonParser p) {
        return p.currentTokenLocation().getLineNr();
    }
}
