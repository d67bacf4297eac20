package org.threatledger.taxii;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.threatledger.stix.Tlp;

/** Reads and writes {@link SharingConfig} as the JSON of {@code sharing.json}. */
final class SharingConfigJson {
    private SharingConfigJson() {
    }

    static SharingConfig read(JsonNode root, Path file) {
        String where = file.toString();
        SharingConfig.checkKnown(root, SharingConfig.known(), where);
        SharingConfig d = SharingConfig.initial();
        List<ApiRootDefinition> roots = new ArrayList<>();
        for (JsonNode r : root.path("api_roots")) {
            roots.add(new ApiRootDefinition(required(r, "name", where + " api_roots"), text(r, "title"), text(r, "description")));
        }
        List<CollectionDefinition> collections = new ArrayList<>();
        for (JsonNode c : root.path("collections")) {
            String w = where + " collection " + c.path("id").asText();
            SharingConfig.checkKnown(c, Set.of("id", "api_root", "title", "description", "query", "manual"), w);
            String query = text(c, "query");
            if ((query == null) != c.path("manual").asBoolean(false)) {
                throw new IllegalArgumentException(w + ": give either a query or \"manual\": true");
            }
            CollectionQuery.parseOrNull(query);
            collections.add(new CollectionDefinition(required(c, "id", w), required(c, "api_root", w),
                    required(c, "title", w), text(c, "description"), query));
        }
        List<Partner> partners = new ArrayList<>();
        for (JsonNode p : root.path("partners")) {
            String w = where + " partner " + p.path("name").asText();
            SharingConfig.checkKnown(p, Set.of("name", "secret_hash", "max_tlp", "read", "write", "own_org",
                    "revoked", "redact"), w);
            partners.add(new Partner(required(p, "name", w), required(p, "secret_hash", w),
                    SharingConfig.tlp(required(p, "max_tlp", w), w), list(p.path("read")), list(p.path("write")),
                    p.path("own_org").asBoolean(false), p.path("revoked").asBoolean(false),
                    SharingConfig.redactions(p.get("redact"), w)));
        }
        JsonNode tls = root.path("tls");
        JsonNode failed = root.path("failed_auth");
        return new SharingConfig(root.path("title").asText(d.title()), text(root, "description"), text(root, "contact"),
                roots.isEmpty() ? d.apiRoots() : roots, collections, partners,
                root.has("default_tlp") ? SharingConfig.tlp(root.get("default_tlp").asText(), where) : Tlp.AMBER,
                root.path("max_content_length").asLong(d.maxContentLength()), text(tls, "keystore"), text(tls, "password"),
                failed.path("max_failures").asInt(d.maxFailedAuth()),
                failed.path("window_seconds").asInt(d.failedAuthWindowSeconds()),
                root.path("cursor_secret").asText(d.cursorSecret()));
    }

    static ObjectNode write(SharingConfig c) {
        ObjectNode root = SharingConfig.node();
        root.put("title", c.title());
        putIf(root, "description", c.description());
        putIf(root, "contact", c.contact());
        ArrayNode roots = root.putArray("api_roots");
        for (ApiRootDefinition r : c.apiRoots()) {
            ObjectNode n = roots.addObject().put("name", r.name());
            putIf(n, "title", r.title());
            putIf(n, "description", r.description());
        }
        ArrayNode collections = root.putArray("collections");
        for (CollectionDefinition col : c.collections()) {
            ObjectNode n = collections.addObject().put("id", col.id()).put("api_root", col.apiRoot()).put("title", col.title());
            putIf(n, "description", col.description());
            if (col.manual()) {
                n.put("manual", true);
            } else {
                n.put("query", col.query());
            }
        }
        ArrayNode partners = root.putArray("partners");
        for (Partner p : c.partners()) {
            ObjectNode n = partners.addObject().put("name", p.name()).put("secret_hash", p.secretHash())
                    .put("max_tlp", p.maxTlp().label());
            n.set("read", SharingConfig.strings(p.read()));
            n.set("write", SharingConfig.strings(p.write()));
            n.put("own_org", p.ownOrg()).put("revoked", p.revoked());
            n.set("redact", SharingConfig.strings(p.redactions().stream().sorted()
                    .map(r -> r.name().toLowerCase(Locale.ROOT)).toList()));
        }
        root.put("default_tlp", c.defaultTlp().label());
        root.put("max_content_length", c.maxContentLength());
        if (c.tlsKeystore() != null) {
            ObjectNode tls = root.putObject("tls").put("keystore", c.tlsKeystore());
            putIf(tls, "password", c.tlsPassword());
        }
        root.putObject("failed_auth").put("max_failures", c.maxFailedAuth()).put("window_seconds", c.failedAuthWindowSeconds());
        root.put("cursor_secret", c.cursorSecret());
        return root;
    }

    private static void putIf(ObjectNode n, String name, String value) {
        if (value != null) {
            n.put(name, value);
        }
    }

    private static String text(JsonNode n, String name) {
        JsonNode v = n.get(name);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String required(JsonNode n, String name, String where) {
        String v = text(n, name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(where + ": property '" + name + "' is required");
        }
        return v;
    }

    private static List<String> list(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }
}
