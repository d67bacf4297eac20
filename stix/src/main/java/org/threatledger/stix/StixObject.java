package org.threatledger.stix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One STIX 2.1 object: the JSON tree exactly as read (custom properties, {@code x_} fields,
 * extensions and unknown object types all kept), plus typed access to the common properties.
 *
 * <p>The tree is owned by this object and must not be changed after construction; use
 * {@link #with(String, JsonNode)} for a modified copy. Keeping the tree (rather than a POJO per
 * type) is what makes a read/write round trip lossless for everything the spec allows.
 *
 * <p>An object read back from a store ({@link #stored}) keeps its JSON text and builds the tree
 * only when a property other than id, type and version is asked for: serving a TAXII page then
 * costs a token scan for markings and references ({@link RefScan}) and a copy of the text, not a
 * parse and a serialisation of every object.
 */
public final class StixObject {
    private volatile ObjectNode json;
    private final String id;
    private final String type;
    private final byte[] utf8;
    private final String version;
    private volatile RefScan refs;

    private StixObject(ObjectNode json, String id, String type, byte[] utf8, String version) {
        this.json = json;
        this.id = id;
        this.type = type;
        this.utf8 = utf8;
        this.version = version;
    }

    /** Wraps a parsed object; fails if {@code type} or {@code id} is missing or not a string. */
    public static StixObject of(ObjectNode json) {
        JsonNode type = json.get("type");
        JsonNode id = json.get("id");
        if (type == null || !type.isTextual()) {
            String where = id != null && id.isTextual() ? id.asText() : "object";
            throw new StixException(where + " property 'type': required string is missing");
        }
        if (id == null || !id.isTextual()) {
            throw new StixException(type.asText() + " object property 'id': required string is missing");
        }
        return new StixObject(json, id.asText(), type.asText(), null, null);
    }

    /**
     * An object as a store holds it: its JSON text in UTF-8 (which the store wrote, so it is trusted
     * to be one well-formed object with this id, type and {@link #version()}), parsed on first need.
     * The array becomes this object's and must not be changed.
     */
    public static StixObject stored(String id, String type, String version, byte[] utf8) {
        return new StixObject(null, id, type, utf8, version);
    }

    /** Parses one object from JSON text. */
    public static StixObject parse(String text) {
        JsonNode node = StixJson.readTree(text);
        if (!(node instanceof ObjectNode object)) {
            throw new StixException("expected a JSON object, found " + node.getNodeType());
        }
        return of(object);
    }

    public String id() {
        return id;
    }

    public String type() {
        return type;
    }

    /** The kind of object, from the type registry (unknown types count as custom SDOs). */
    public StixType.Kind kind() {
        return StixTypes.kindOf(type);
    }

    public Optional<String> specVersion() {
        return text("spec_version");
    }

    public Optional<Instant> created() {
        return text("created").flatMap(Timestamps::tryParse);
    }

    public Optional<Instant> modified() {
        return text("modified").flatMap(Timestamps::tryParse);
    }

    /**
     * The version key of this object: {@code modified}, else {@code created}, else the empty
     * string (SCOs and other unversioned objects have a single version).
     */
    public String version() {
        if (version != null) {
            return version;
        }
        return text("modified").or(() -> text("created")).orElse("");
    }

    /** The instant of {@link #version()}, or {@link Instant#EPOCH} for unversioned objects. */
    public Instant versionInstant() {
        return modified().or(this::created).orElse(Instant.EPOCH);
    }

    public boolean revoked() {
        JsonNode r = tree().get("revoked");
        return r != null && r.isBoolean() && r.booleanValue();
    }

    /** ATT&CK's own retirement flag; such objects are kept but not current for analysis. */
    public boolean deprecated() {
        JsonNode d = tree().get("x_mitre_deprecated");
        return d != null && d.isBoolean() && d.booleanValue();
    }

    public Optional<String> name() {
        return text("name");
    }

    public Optional<String> text(String property) {
        JsonNode n = tree().get(property);
        return n != null && n.isTextual() ? Optional.of(n.asText()) : Optional.empty();
    }

    /** A list-of-strings property; non-string members are ignored, a missing property is empty. */
    public List<String> strings(String property) {
        JsonNode n = tree().get(property);
        if (n == null || !n.isArray()) {
            return List.of();
        }
        List<String> out = new ArrayList<>(n.size());
        for (JsonNode e : n) {
            if (e.isTextual()) {
                out.add(e.asText());
            }
        }
        return out;
    }

    public JsonNode get(String property) {
        return tree().get(property);
    }

    public boolean has(String property) {
        return tree().has(property);
    }

    /** The tree itself. Do not modify it. */
    public ObjectNode json() {
        return tree();
    }

    private ObjectNode tree() {
        ObjectNode t = json;
        if (t == null) {
            JsonNode node = StixJson.readTree(utf8);
            if (!(node instanceof ObjectNode object)) {
                throw new StixException(id + ": stored JSON is not an object");
            }
            json = t = object;
        }
        return t;
    }

    /** A copy with one property set (or removed when {@code value} is null). */
    public StixObject with(String property, JsonNode value) {
        ObjectNode copy = tree().deepCopy();
        if (value == null) {
            copy.remove(property);
        } else {
            copy.set(property, value);
        }
        return of(copy);
    }

    /** The marking definitions named in {@code object_marking_refs} and granular markings. */
    public Set<String> markingRefs() {
        if (json == null) {
            return scan().markings();
        }
        Set<String> out = new LinkedHashSet<>(strings("object_marking_refs"));
        JsonNode granular = tree().get("granular_markings");
        if (granular != null && granular.isArray()) {
            for (JsonNode g : granular) {
                JsonNode ref = g.get("marking_ref");
                if (ref != null && ref.isTextual()) {
                    out.add(ref.asText());
                }
            }
        }
        return out;
    }

    /** External ids such as ATT&CK's {@code G0006} or {@code T1566.001}, from {@code external_references}. */
    public List<String> externalIds() {
        JsonNode refs = tree().get("external_references");
        if (refs == null || !refs.isArray()) {
            return List.of();
        }
        List<String> out = new ArrayList<>(2);
        for (JsonNode r : refs) {
            JsonNode eid = r.get("external_id");
            if (eid != null && eid.isTextual()) {
                out.add(eid.asText());
            }
        }
        return out;
    }

    /**
     * Every object id this object points at: each {@code *_ref} and {@code *_refs} property at
     * any depth (extensions, granular markings, observed-data objects), in document order.
     */
    public Set<String> references() {
        if (json == null) {
            return scan().references();
        }
        Set<String> out = new LinkedHashSet<>();
        collectRefs(json, out);
        return out;
    }

    private static void collectRefs(JsonNode node, Set<String> out) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                String key = e.getKey();
                JsonNode v = e.getValue();
                if (key.endsWith("_ref") && v.isTextual()) {
                    out.add(v.asText());
                } else if (key.endsWith("_refs") && v.isArray()) {
                    for (JsonNode r : v) {
                        if (r.isTextual()) {
                            out.add(r.asText());
                        }
                    }
                } else if (v.isContainerNode()) {
                    collectRefs(v, out);
                }
            }
        } else if (node.isArray()) {
            for (JsonNode e : node) {
                collectRefs(e, out);
            }
        }
    }

    /** Compact JSON, property order as read. */
    public String toJson() {
        return StixJson.write(tree());
    }

    /**
     * The object's JSON in UTF-8, without building a tree: as stored for an object read back from a
     * store (PostgreSQL's JSONB form has a space after each colon and comma), else {@link #toJson()}.
     * Do not modify the array.
     */
    public byte[] jsonUtf8() {
        return utf8 != null ? utf8 : toJson().getBytes(StandardCharsets.UTF_8);
    }

    private RefScan scan() {
        RefScan r = refs;
        if (r == null) {
            refs = r = RefScan.of(id, utf8);
        }
        return r;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StixObject other && tree().equals(other.tree());
    }

    @Override
    public int hashCode() {
        return tree().hashCode();
    }

    @Override
    public String toString() {
        return id + "@" + version();
    }
}
