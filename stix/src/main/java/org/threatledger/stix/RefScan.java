package org.threatledger.stix;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The marking refs and the references of an object, read from its JSON text without building a
 * tree: what {@link StixObject#markingRefs()} and {@link StixObject#references()} answer from a
 * tree, for the same text, so a page of stored objects is filtered by TLP without parsing each one.
 *
 * <p>A single pass over the UTF-8 bytes (every byte of a multi-byte character is above 0x7F, so
 * quotes, backslashes and brackets are found byte by byte): property names are read, string values
 * that are not references are skipped to their closing quote, numbers and literals to their end. It
 * reads only text a store wrote (one well-formed JSON object, compact or with spaces as PostgreSQL's
 * JSONB prints it); anything else fails with the object's id named. It decodes nothing it skips,
 * which makes it several times cheaper than Jackson's streaming parser on feed-sized objects.
 */
record RefScan(Set<String> markings, Set<String> references) {

    static RefScan of(String id, byte[] utf8) {
        Scanner s = new Scanner(utf8);
        try {
            s.ws();
            s.expect('{');
            s.object(true, false);
        } catch (IndexOutOfBoundsException | IllegalArgumentException | StixException e) {
            throw new StixException(id + ": stored JSON cannot be read at offset " + s.at + ": " + e.getMessage(), e);
        }
        Set<String> markings = s.objectMarkings;
        markings.addAll(s.granular);
        return new RefScan(Collections.unmodifiableSet(markings), Collections.unmodifiableSet(s.refs));
    }

    /** The walk, mirroring {@code StixObject.collectRefs} and {@code StixObject.markingRefs}. */
    private static final class Scanner {
        final byte[] t;
        int at;
        final Set<String> refs = new LinkedHashSet<>();
        final Set<String> objectMarkings = new LinkedHashSet<>();
        final Set<String> granular = new LinkedHashSet<>();

        Scanner(byte[] utf8) {
            this.t = utf8;
        }

        char charAt(int i) {
            return (char) (t[i] & 0xFF);
        }

        /** The first {@code c} in {@code [from, to)}, or -1. */
        int indexOf(int c, int from, int to) {
            for (int i = from; i < to; i++) {
                if (t[i] == c) {
                    return i;
                }
            }
            return -1;
        }

        /** After the '{'; returns after the matching '}'. */
        void object(boolean top, boolean granularMarking) {
            ws();
            if (charAt(at) == '}') {
                at++;
                return;
            }
            while (true) {
                ws();
                expect('"');
                int nameStart = at;
                skipString();
                int nameEnd = at - 1;
                ws();
                expect(':');
                ws();
                char v = charAt(at);
                if (v == '"' && name(nameStart, nameEnd, "_ref", false)) {
                    at++;
                    String ref = string();
                    refs.add(ref);
                    if (granularMarking && name(nameStart, nameEnd, "marking_ref", true)) {
                        granular.add(ref);
                    }
                } else if (v == '[' && name(nameStart, nameEnd, "_refs", false)) {
                    at++;
                    refArray(top && name(nameStart, nameEnd, "object_marking_refs", true));
                } else if (v == '{') {
                    at++;
                    object(false, false);
                } else if (v == '[') {
                    at++;
                    array(top && name(nameStart, nameEnd, "granular_markings", true));
                } else {
                    skipScalar();
                }
                ws();
                char c = charAt(at++);
                if (c == '}') {
                    return;
                }
                if (c != ',') {
                    throw new IllegalArgumentException("expected ',' or '}'");
                }
            }
        }

        /** After the '['; returns after the matching ']'. */
        void array(boolean granularMarkings) {
            elements(() -> {
                char v = charAt(at);
                if (v == '{') {
                    at++;
                    object(false, granularMarkings);
                } else if (v == '[') {
                    at++;
                    array(false);
                } else {
                    skipScalar();
                }
            });
        }

        /** A {@code *_refs} array: its strings are references; anything nested in it is not looked into. */
        void refArray(boolean markings) {
            elements(() -> {
                char v = charAt(at);
                if (v == '"') {
                    at++;
                    String ref = string();
                    refs.add(ref);
                    if (markings) {
                        objectMarkings.add(ref);
                    }
                } else if (v == '{' || v == '[') {
                    skipContainer();
                } else {
                    skipScalar();
                }
            });
        }

        private void elements(Runnable element) {
            ws();
            if (charAt(at) == ']') {
                at++;
                return;
            }
            while (true) {
                ws();
                element.run();
                ws();
                char c = charAt(at++);
                if (c == ']') {
                    return;
                }
                if (c != ',') {
                    throw new IllegalArgumentException("expected ',' or ']'");
                }
            }
        }

        /** After the opening quote; returns the decoded string, standing after the closing quote. */
        String string() {
            int start = at;
            skipString();
            int end = at - 1;
            return decode(start, end);
        }

        /** The string whose bytes are {@code [start, end)}, between its quotes. */
        String decode(int start, int end) {
            if (indexOf('\\', start, end) < 0) {
                return new String(t, start, end - start, StandardCharsets.UTF_8);
            }
            // Escapes are rare in names and ids: let the JSON parser decode this one string.
            JsonNode decoded = StixJson.readTree(new String(t, start - 1, end - start + 2, StandardCharsets.UTF_8));
            return decoded.textValue();
        }

        /**
         * Whether the property name {@code [start, end)} ends with (or, {@code whole}, is) this ASCII
         * text; compared on the bytes, so no name is decoded unless it holds an escape.
         */
        boolean name(int start, int end, String text, boolean whole) {
            if (indexOf('\\', start, end) >= 0) {
                String n = decode(start, end);
                return whole ? n.equals(text) : n.endsWith(text);
            }
            int from = end - text.length();
            if (from < start || (whole && from != start)) {
                return false;
            }
            for (int i = 0; i < text.length(); i++) {
                if (t[from + i] != text.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        /** A number, literal or string that is not a reference. */
        void skipScalar() {
            if (charAt(at) == '"') {
                at++;
                skipString();
                return;
            }
            while (at < t.length && ",}] \t\r\n".indexOf(charAt(at)) < 0) {
                at++;
            }
        }

        /** After the opening quote; stands after the closing quote. */
        void skipString() {
            while (true) {
                int end = indexOf('"', at, t.length);
                if (end < 0) {
                    throw new IllegalArgumentException("unterminated string");
                }
                int backslashes = 0;
                for (int i = end - 1; i >= at && t[i] == '\\'; i--) {
                    backslashes++;
                }
                at = end + 1;
                if (backslashes % 2 == 0) {
                    return;
                }
            }
        }

        void skipContainer() {
            int depth = 0;
            do {
                char c = charAt(at++);
                if (c == '"') {
                    skipString();
                } else if (c == '{' || c == '[') {
                    depth++;
                } else if (c == '}' || c == ']') {
                    depth--;
                }
            } while (depth > 0);
        }

        void ws() {
            while (at < t.length) {
                char c = charAt(at);
                if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                    return;
                }
                at++;
            }
        }

        void expect(char c) {
            if (charAt(at++) != c) {
                throw new IllegalArgumentException("expected '" + c + "'");
            }
        }
    }
}
