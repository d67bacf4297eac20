package org.threatledger.ingest.misp;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.threatledger.ingest.FeedInput;
import org.threatledger.ingest.ImportOptions;
import org.threatledger.ingest.ImportSink;
import org.threatledger.ingest.Importer;
import org.threatledger.ingest.Rejection;
import org.threatledger.stix.StixException;
import org.threatledger.stix.StixJson;
import org.threatledger.stix.StixObject;

/**
 * MISP galaxy cluster files ({@code clusters/<name>.json} of misp-galaxy): actor galaxies become
 * intrusion-sets, malware and tool galaxies malware (a family) and tools, ATT&CK patterns
 * attack-patterns, and sector, country and region galaxies the shared sector identities and
 * locations; see {@link Clusters} and {@link Actors}.
 *
 * <p>Galaxy files carry no dates, only a {@code version} that grows with each release. Every object
 * gets {@code created = modified = 1970-01-01T00:00:00Z + version seconds}: a newer galaxy release
 * supersedes an older one, re-importing the same release is a no-op, and the stubs that events
 * carry (dated exactly at the epoch) are superseded by any galaxy import.
 */
public final class MispGalaxyImporter implements Importer {
    private static final Pattern UUID_FORM = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    public MispGalaxyImporter() {
        // registered explicitly in the importer list
    }

    @Override
    public String format() {
        return "misp-galaxy";
    }

    /** A JSON object with the top-level keys of a cluster file: values, type and uuid (and version). */
    @Override
    public boolean recognises(String name, byte[] head) {
        Set<String> keys = TopLevelKeys.of(head);
        return keys.contains("values") && keys.contains("type") && keys.contains("uuid") && !keys.contains("Event");
    }

    /** Reads one cluster file. */
    @Override
    public void read(FeedInput input, ImportOptions options, ImportSink sink) throws IOException {
        String file = input.name();
        JsonNode root;
        try (InputStream in = input.open()) {
            root = StixJson.mapper().readTree(in);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            sink.reject(new Rejection(file, line, null, null, "misp-galaxy", "malformed JSON: " + e.getOriginalMessage()));
            return;
        }
        String type = root.path("type").asText("");
        if (!root.path("values").isArray() || type.isEmpty() || !root.path("version").canConvertToLong()) {
            sink.reject(new Rejection(file, 0, root.path("uuid").asText(null), null, "misp-galaxy",
                    "not a galaxy cluster file: needs 'values' (list), 'type' and a numeric 'version'"));
            return;
        }
        if (Clusters.stixType(type) == null) {
            sink.reject(new Rejection(file, 0, root.path("uuid").asText(null), "type", "misp-galaxy",
                    "galaxy type '" + type + "' has no STIX mapping; " + root.path("values").size() + " values not imported"));
            return;
        }
        Instant at = Instant.EPOCH.plusSeconds(root.path("version").asLong());
        List<String> markings = options.tlp() == null ? List.of() : List.of(options.tlp().markingId());
        Set<String> emitted = new HashSet<>();
        int index = 0;
        for (JsonNode value : root.path("values")) {
            value(file, type, index++, value, at, markings, sink, emitted);
        }
    }

    private static void value(String file, String type, int index, JsonNode value, Instant at, List<String> markings,
                              ImportSink sink, Set<String> emitted) {
        String uuid = value.path("uuid").asText("");
        String where = "values[" + index + "]";
        if (!value.path("value").isTextual() || value.path("value").asText().isBlank()) {
            sink.reject(new Rejection(file, 0, uuid.isEmpty() ? null : uuid, where + ".value", "misp-galaxy-cluster",
                    "cluster value has no name (value " + value.path("value") + ")"));
            return;
        }
        String name = value.path("value").asText();
        if (!UUID_FORM.matcher(uuid).matches()) {
            sink.reject(new Rejection(file, 0, null, where + ".uuid", "misp-galaxy-cluster",
                    "cluster value '" + name + "' has no valid uuid ('" + uuid + "')"));
            return;
        }
        JsonNode synonyms = value.path("meta").path("synonyms");
        if (!synonyms.isMissingNode() && !synonyms.isArray()) {
            sink.reject(new Rejection(file, 0, uuid, where + ".meta.synonyms", "misp-galaxy-cluster",
                    "cluster value '" + name + "': synonyms must be a list, found " + synonyms.getNodeType()));
            return;
        }
        try {
            List<StixObject> objects = Clusters.map(type, value, at, markings, (field, reason) -> sink.warn(
                    new Rejection(file, 0, uuid, where + "." + field, "misp-galaxy-cluster", "'" + name + "': " + reason)));
            for (StixObject o : objects) {
                if (emitted.add(o.id())) {
                    sink.object(o);
                }
            }
        } catch (StixException | IllegalArgumentException e) {
            sink.reject(new Rejection(file, 0, uuid, where, "misp-galaxy-cluster", "'" + name + "': " + e.getMessage()));
        }
    }
}
