package org.threatledger.server.api;

import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.threatledger.analysis.Actor;
import org.threatledger.analysis.ActorDirectory;
import org.threatledger.analysis.ActorProfile;
import org.threatledger.sighting.SightingAggregator;
import org.threatledger.stix.StixObject;
import org.threatledger.stix.Timestamps;
import org.threatledger.store.KnowledgeStore;
import org.threatledger.store.StoredObject;

/**
 * The bodies of the API's resources, each read from a partner's view of the knowledge base. The
 * shapes follow the CLI's {@code --json} output ({@code stats}, {@code show}) so scripts can move
 * between the two.
 */
final class ApiResources {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 1000;

    private ApiResources() {
    }

    /** {@code stats --json}: counts of what this partner may see. */
    static Object stats(KnowledgeStore view) {
        return view.stats().toJson();
    }

    static Object search(RestApi.Request r) {
        Context ctx = r.ctx();
        String q = ctx.queryParam("q");
        if (q == null || q.isBlank()) {
            throw ApiException.badRequest("the query parameter q is required");
        }
        String type = ctx.queryParam("type");
        List<StixObject> found = r.view().search(q, type == null || type.isBlank() ? null : type, limit(ctx));
        return Map.of("objects", found.stream().map(o -> r.send(o).json()).toList());
    }

    static Object object(RestApi.Request r) {
        String id = r.ctx().pathParam("id");
        return r.send(r.view().get(id).orElseThrow(() -> unknown(id)).object()).json();
    }

    static Object versions(RestApi.Request r) {
        String id = r.ctx().pathParam("id");
        List<StoredObject> versions = r.view().versions(id);
        if (versions.isEmpty()) {
            throw unknown(id);
        }
        List<Object> out = new ArrayList<>();
        for (StoredObject s : versions) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("version", s.object().version());
            v.put("date_added", s.dateAdded().toString());
            v.put("object", r.send(s.object()).json());
            out.add(v);
        }
        return Map.of("id", id, "versions", out);
    }

    static Object actors(KnowledgeStore view) {
        List<Object> out = new ArrayList<>();
        for (Actor a : ActorDirectory.load(view).actors()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", a.name());
            m.put("ids", a.ids());
            m.put("names", a.namesWithSources().keySet());
            m.put("sources", a.members().stream().map(s -> s.provenance().source()).distinct().sorted().toList());
            out.add(m);
        }
        return Map.of("actors", out);
    }

    /** {@code show --json QUERY} for an actor. */
    static Object actor(RestApi.Request r) {
        KnowledgeStore view = r.view();
        String query = r.ctx().pathParam("query");
        ActorDirectory directory = ActorDirectory.load(view);
        Actor actor = directory.find(query).orElseThrow(() -> ApiException.notFound("no actor is known as "
                + clip(query)));
        return ActorProfile.of(actor, directory, view).toJson();
    }

    /**
     * Current sightings, newest first (by {@code modified}, then id), a page at a time: with
     * {@code since} only those added after it, with {@code indicator} only those of that indicator,
     * with {@code sensor} (a sensor's name or identity id) only those it saw. {@code next} (from
     * the previous page) continues after the last sighting of that page, so sightings added
     * meanwhile (newer ones) never shift a page already read.
     */
    static Object sightings(RestApi.Request r) {
        Context ctx = r.ctx();
        String sinceText = ctx.queryParam("since");
        Instant since = sinceText == null ? null : Timestamps.tryParse(sinceText)
                .orElseThrow(() -> ApiException.badRequest("since must be a STIX timestamp such as 2024-01-01T00:00:00Z"));
        String indicator = RestApi.param(ctx, "indicator", null);
        String sensor = RestApi.param(ctx, "sensor", null);
        String where = sensor == null ? null : sensor.startsWith("identity--") ? sensor : SightingAggregator.sensorId(sensor);
        SightingCursor after = SightingCursor.decode(RestApi.param(ctx, "next", null));
        int limit = limit(ctx);
        List<StoredObject> all = new ArrayList<>();
        r.view().forEachCurrent("sighting", s -> {
            StixObject o = s.object();
            if ((since == null || s.dateAdded().isAfter(since))
                    && (indicator == null || indicator.equals(o.text("sighting_of_ref").orElse(null)))
                    && (where == null || o.strings("where_sighted_refs").contains(where))
                    && (after == null || after.precedes(o))) {
                all.add(s);
            }
        });
        all.sort(Comparator.comparing((StoredObject s) -> s.object().versionInstant()).reversed()
                .thenComparing(s -> s.object().id()));
        List<StixObject> page = all.stream().limit(limit).map(s -> r.send(s.object())).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sightings", page.stream().map(StixObject::json).toList());
        out.put("more", all.size() > limit);
        if (all.size() > limit) {
            out.put("next", SightingCursor.after(page.getLast()).encode());
        }
        return out;
    }

    static int limit(Context ctx) {
        String text = ctx.queryParam("limit");
        if (text == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text.trim());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("limit must be a whole number from 1 to " + MAX_LIMIT);
    }

    private static ApiException unknown(String id) {
        return ApiException.notFound("no object " + clip(id));
    }

    /** A caller's text echoed in an error, bounded and printable. */
    static String clip(String text) {
        String printable = text.codePoints().filter(c -> c >= 0x20 && c != 0x7f)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return printable.length() > 100 ? printable.substring(0, 100) + "..." : printable;
    }
}
