package org.threatledger.ingest.misp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.threatledger.stix.Ids;
import org.threatledger.stix.StixJson;

/**
 * Deterministic ids of STIX cyber-observable objects (STIX 2.1 §2.9): a UUIDv5 in the SCO namespace
 * over the JSON of the object's ID-contributing properties (§6, per type), with keys sorted and no
 * whitespace (RFC 8785 canonical form for the string and integer values used here). Of
 * {@code hashes}, only one hash takes part, in the spec's order of preference MD5, SHA-1, SHA-256,
 * SHA-512. So two producers that see the same domain or file give it the same id.
 */
final class ScoIds {
    /** STIX 2.1 §2.9: the namespace of SCO ids. */
    static final UUID NAMESPACE = UUID.fromString("00abedb4-aa42-466c-9c01-fed23315a9b7");

    private static final Map<String, List<String>> CONTRIBUTING = Map.ofEntries(
            Map.entry("autonomous-system", List.of("number")),
            Map.entry("directory", List.of("path")),
            Map.entry("domain-name", List.of("value")),
            Map.entry("email-addr", List.of("value")),
            Map.entry("email-message", List.of("from_ref", "subject", "body")),
            Map.entry("file", List.of("hashes", "name", "extensions", "parent_directory_ref")),
            Map.entry("ipv4-addr", List.of("value")),
            Map.entry("ipv6-addr", List.of("value")),
            Map.entry("mac-addr", List.of("value")),
            Map.entry("mutex", List.of("name")),
            Map.entry("network-traffic", List.of("start", "end", "src_ref", "dst_ref", "src_port", "dst_port",
                    "protocols", "extensions")),
            Map.entry("url", List.of("value")),
            Map.entry("windows-registry-key", List.of("key", "values")),
            Map.entry("x509-certificate", List.of("hashes", "serial_number")));

    private static final List<String> HASH_PREFERENCE = List.of("MD5", "SHA-1", "SHA-256", "SHA-512");

    private ScoIds() {}

    /** The id of an SCO of one of the types above, from its properties. */
    static String of(ObjectNode sco) {
        String type = sco.get("type").asText();
        List<String> props = CONTRIBUTING.get(type);
        if (props == null) {
            throw new IllegalArgumentException("no ID-contributing properties known for " + type);
        }
        TreeMap<String, JsonNode> contributing = new TreeMap<>();
        for (String p : props) {
            JsonNode v = sco.get(p);
            if (v != null) {
                contributing.put(p, p.equals("hashes") ? oneHash(v) : v);
            }
        }
        ObjectNode canonical = StixJson.object();
        contributing.forEach(canonical::set);
        return type + "--" + Ids.uuid5(NAMESPACE, canonicalJson(canonical));
    }

    private static JsonNode oneHash(JsonNode hashes) {
        ObjectNode one = StixJson.object();
        for (String algorithm : HASH_PREFERENCE) {
            if (hashes.has(algorithm)) {
                one.set(algorithm, hashes.get(algorithm));
                return one;
            }
        }
        TreeMap<String, JsonNode> sorted = new TreeMap<>();
        hashes.properties().forEach(e -> sorted.put(e.getKey(), e.getValue()));
        if (!sorted.isEmpty()) {
            one.set(sorted.firstKey(), sorted.firstEntry().getValue());
        }
        return one;
    }

    /** JSON with object keys sorted at every level and no whitespace. */
    static String canonicalJson(JsonNode node) {
        if (node.isObject()) {
            TreeMap<String, JsonNode> sorted = new TreeMap<>();
            node.properties().forEach(e -> sorted.put(e.getKey(), e.getValue()));
            StringBuilder sb = new StringBuilder("{");
            sorted.forEach((k, v) -> {
                if (sb.length() > 1) {
                    sb.append(',');
                }
                sb.append(StixJson.write(StixJson.mapper().getNodeFactory().textNode(k)))
                        .append(':').append(canonicalJson(v));
            });
            return sb.append('}').toString();
        }
        if (node.isArray()) {
            StringBuilder sb = new StringBuilder("[");
            for (JsonNode e : node) {
                if (sb.length() > 1) {
                    sb.append(',');
                }
                sb.append(canonicalJson(e));
            }
            return sb.append(']').toString();
        }
        return StixJson.write(node);
    }
}
