package org.threatledger.taxii.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.Set;
import org.threatledger.stix.StixException;
import org.threatledger.stix.StixJson;
import org.threatledger.stix.Timestamps;

/**
 * Where a pull of one collection stands, small enough to store per feed as JSON so a later pull
 * resumes.
 *
 * <p>Ties on {@code date_added}: TAXII 2.1 {@code added_after} is exclusive, and many objects may
 * share one {@code date_added}. Asking for {@code added_after = last} after a walk that stopped
 * inside such a group would lose the rest of it. So the client asks for
 * {@code added_after = last - 1 µs} (inclusive of {@code last} at microsecond precision) and drops
 * the objects it already delivered at that instant: {@link #boundary()} holds the
 * {@code id|version} keys of the objects delivered in the pages whose
 * {@code X-TAXII-Date-Added-Last} was {@link #addedAfter()}. The envelope does not say each object's
 * {@code date_added}, so the set keeps every object of those pages: a superset of the tie group,
 * at most a page more than needed.
 *
 * @param addedAfter     the latest {@code X-TAXII-Date-Added-Last} delivered, null before the first page
 * @param boundary       keys ({@code id|version}) of objects delivered at {@code addedAfter}
 * @param next           the cursor of a walk that did not finish (a page limit, an error), else null
 * @param nextAddedAfter the {@code added_after} the cursor belongs to (a cursor is only valid with its query)
 */
public record PullState(Instant addedAfter, Set<String> boundary, String next, Instant nextAddedAfter) {
    /** A collection never pulled. */
    public static final PullState START = new PullState(null, Set.of(), null, null);

    public PullState {
        boundary = Set.copyOf(boundary);
    }

    /** The key an object is recognised by at the boundary. */
    static String key(String id, String version) {
        return id + "|" + version;
    }

    /** This state as a small JSON document. */
    public String toJson() {
        ObjectNode o = StixJson.object();
        if (addedAfter != null) {
            o.put("added_after", format(addedAfter));
        }
        ArrayNode keys = o.putArray("boundary");
        boundary.stream().sorted().forEach(keys::add);
        if (next != null) {
            o.put("next", next);
            if (nextAddedAfter != null) {
                o.put("next_added_after", format(nextAddedAfter));
            }
        }
        return StixJson.write(o);
    }

    /** Reads a state written by {@link #toJson()}; fails with a message naming what is wrong. */
    public static PullState parse(String json) {
        JsonNode o = StixJson.readTree(json);
        if (!o.isObject()) {
            throw new StixException("pull state: expected a JSON object");
        }
        Set<String> keys = new LinkedHashSet<>();
        for (JsonNode k : o.path("boundary")) {
            keys.add(k.asText());
        }
        return new PullState(instant(o, "added_after"), keys, o.hasNonNull("next") ? o.get("next").asText() : null,
                instant(o, "next_added_after"));
    }

    private static Instant instant(JsonNode o, String field) {
        if (!o.hasNonNull(field)) {
            return null;
        }
        return Timestamps.tryParse(o.get(field).asText()).orElseThrow(
                () -> new StixException("pull state: '" + field + "' is not a timestamp: " + o.get(field)));
    }

    /** RFC 3339 with as many fraction digits as the instant needs. */
    static String format(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }
}
