package org.threatledger.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.threatledger.stix.StixJson;
import org.threatledger.stix.StixObject;
import org.threatledger.store.KnowledgeStore;
import org.threatledger.taxii.Authenticator;
import org.threatledger.taxii.Disclosure;
import org.threatledger.taxii.DisclosureLog;
import org.threatledger.taxii.FailedAuthLimiter;
import org.threatledger.taxii.Partner;
import org.threatledger.taxii.SharingConfig;
import org.threatledger.taxii.TaxiiService;
import org.threatledger.taxii.Visibility;

/**
 * The JSON API at {@code /api} for the UI and automation. Authentication is TAXII's (the same
 * partners, secrets, failed-auth limit); every read goes through a {@link PartnerView}, so a
 * partner sees exactly what TAXII would send it, and every STIX version an answer carries goes
 * into the disclosure log first, as for TAXII. Two routes take a body and write: feeds
 * ({@link ImportResource}) and telemetry ({@link HuntResource}), for the partners {@link Uploads}
 * lets write, bounded by the configured maximum content length (413). Every failure leaves in
 * one shape, {@code {"error":{"status":..,"title":..,"detail":..}}}, written only by
 * {@link #fail}: an {@link ApiException} with its own words, anything else as a 500 that says
 * nothing of its cause; a known path asked with another method is a 405 naming the methods it
 * takes. The routes are described by the hand-written {@code openapi.json} beside this class.
 */
public final class RestApi {
    private static final System.Logger LOG = System.getLogger(RestApi.class.getName());
    /** The prefix every route of this API starts with. */
    public static final String PREFIX = "/api";
    private static final String ANSWERED = "threatledger.api.answered";
    private static final String JSON = "application/json";
    private static final String CHALLENGE = "Basic realm=\"threatledger\", charset=\"UTF-8\", Bearer realm=\"threatledger\"";

    private final SharingConfig config;
    private final KnowledgeStore store;
    private final Authenticator auth;
    private final FailedAuthLimiter limiter;
    private final DisclosureLog log;
    private final Uploads uploads;
    private final byte[] openApi;
    /** Every route's path (after the prefix) and the methods it takes, for the 405 answer's Allow header. */
    private final Map<String, Set<String>> methods = new LinkedHashMap<>();

    private RestApi(SharingConfig config, KnowledgeStore store, DisclosureLog log, Authenticator auth,
                    FailedAuthLimiter limiter, Path historyDir) {
        this.config = config;
        this.store = store;
        this.log = log;
        this.auth = auth;
        this.limiter = limiter;
        this.uploads = new Uploads(store, log, historyDir);
        this.openApi = resource("openapi.json");
    }

    /**
     * Registers every route of the API; authentication and the failed-auth limit are shared with
     * TAXII. {@code historyDir} is the hunt history's directory (null: none).
     */
    public static RestApi mount(RoutesConfig routes, SharingConfig config, KnowledgeStore store, DisclosureLog log,
                                Authenticator auth, FailedAuthLimiter limiter, Path historyDir) {
        RestApi api = new RestApi(config, store, log, auth, limiter, historyDir);
        api.read(routes, "/openapi.json", r -> api.openApi);
        api.read(routes, "/stats", r -> ApiResources.stats(r.view()));
        api.read(routes, "/search", ApiResources::search);
        api.read(routes, "/objects/{id}", ApiResources::object);
        api.read(routes, "/objects/{id}/versions", ApiResources::versions);
        api.read(routes, "/actors", r -> ApiResources.actors(r.view()));
        api.read(routes, "/actors/{query}", ApiResources::actor);
        api.read(routes, "/sightings", ApiResources::sightings);
        api.write(routes, "/imports", 201, (r, body) -> ImportResource.accept(api.uploads, r, body));
        api.write(routes, "/hunts", 200, (r, body) -> HuntResource.accept(api.uploads, r, body));
        return api;
    }

    /**
     * Answers a status Javalin raised for a path under {@code /api} in the API's error shape,
     * unless the API already answered: a path the API has, asked with another method, is a 405
     * with {@code Allow}; anything else a 404. Says whether the path is the API's.
     */
    public boolean answerUnrouted(Context ctx) {
        if (!ctx.path().equals(PREFIX) && !ctx.path().startsWith(PREFIX + "/")) {
            return false;
        }
        if (ctx.attribute(ANSWERED) == null) {
            RequestBodies.discard(ctx);
            Set<String> allowed = allowed(ctx.path().substring(PREFIX.length()));
            if (allowed.isEmpty()) {
                fail(ctx, ApiException.notFound("no such API resource"));
            } else {
                ctx.header("Allow", String.join(", ", allowed));
                fail(ctx, new ApiException(405, "Method not allowed", "this resource answers "
                        + String.join(" and ", allowed) + " only"));
            }
        }
        return true;
    }

    /** The methods of the routes whose path pattern matches {@code path} ({@code {name}} matches one segment). */
    private Set<String> allowed(String path) {
        Set<String> out = new TreeSet<>();
        String[] segments = path.split("/", -1);
        methods.forEach((pattern, m) -> {
            String[] parts = pattern.split("/", -1);
            if (parts.length != segments.length) {
                return;
            }
            for (int i = 0; i < parts.length; i++) {
                boolean variable = parts[i].startsWith("{") && parts[i].endsWith("}");
                if (variable ? segments[i].isEmpty() : !parts[i].equals(segments[i])) {
                    return;
                }
            }
            out.addAll(m);
        });
        return out;
    }

    /** One API request: the partner, its view of the knowledge base, the HTTP context, and the STIX versions sent. */
    record Request(Partner partner, KnowledgeStore view, Context ctx, List<StixObject> sent) {
        /** Notes an object version this answer sends (the disclosure log records it). */
        StixObject send(StixObject o) {
            sent.add(o);
            return o;
        }
    }

    /** A resource: reads what it answers from the request's view (bytes are sent as they are, anything else as JSON). */
    interface Resource {
        Object read(Request r);
    }

    /** A resource that takes a body and writes (an upload). */
    interface Upload {
        Object accept(Request r, byte[] body);
    }

    private void read(RoutesConfig routes, String path, Resource resource) {
        methods.computeIfAbsent(path, p -> new TreeSet<>()).add("GET");
        routes.get(PREFIX + path, ctx -> guard(ctx, partner -> {
            Request r = request(partner, ctx);
            Object answer = resource.read(r);
            byte[] body = answer instanceof byte[] raw ? raw : json(answer);
            disclose(partner, r.sent());
            answer(ctx, 200, body);
        }));
    }

    private void write(RoutesConfig routes, String path, int status, Upload upload) {
        methods.computeIfAbsent(path, p -> new TreeSet<>()).add("POST");
        routes.post(PREFIX + path, ctx -> guard(ctx, partner -> {
            if (!Uploads.mayWrite(partner)) {
                throw new ApiException(403, "Forbidden", "partner " + partner.name()
                        + " may read only: uploads need our own organisation or a write right on a collection");
            }
            byte[] content = RequestBodies.read(ctx, config.maxContentLength());
            Request r = request(partner, ctx);
            byte[] body = json(upload.accept(r, content));
            disclose(partner, r.sent());
            answer(ctx, status, body);
        }));
    }

    private Request request(Partner partner, Context ctx) {
        PartnerView view = new PartnerView(store, new Visibility(partner, config.defaultTlp(), store));
        return new Request(partner, view, ctx, new ArrayList<>());
    }

    /** A query parameter, trimmed; {@code fallback} when it is absent or blank. */
    static String param(Context ctx, String name, String fallback) {
        String value = ctx.queryParam(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    /** Records the STIX versions an answer sends, as TAXII does, before the answer leaves. */
    private void disclose(Partner partner, List<StixObject> sent) {
        if (sent.isEmpty()) {
            return;
        }
        String requestId = UUID.randomUUID().toString();
        List<Disclosure> out = new ArrayList<>(sent.size());
        for (StixObject o : sent) {
            out.add(new Disclosure(0, null, partner.name(), Disclosure.Direction.SENT, o.id(), o.version(), requestId));
        }
        log.append(out, Instant.now());
    }

    private interface Served {
        void serve(Partner partner);
    }

    /** The failed-auth limit, authentication, and the one place failures are mapped. */
    private void guard(Context ctx, Served served) {
        try {
            String address = ctx.ip();
            long now = System.currentTimeMillis();
            if (limiter.blocked(address, now)) {
                throw new ApiException(429, "Too many requests", "too many failed authentications; try later");
            }
            Partner partner = auth.authenticate(ctx.header("Authorization")).orElse(null);
            if (partner == null) {
                limiter.recordFailure(address, now);
                ctx.header("WWW-Authenticate", CHALLENGE);
                throw new ApiException(401, "Unauthorized", "valid credentials are required");
            }
            served.serve(partner);
        } catch (ApiException e) {
            RequestBodies.discard(ctx);
            fail(ctx, e);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "API request " + ctx.path() + " failed", e);
            RequestBodies.discard(ctx);
            fail(ctx, new ApiException(500, "Internal error",
                    "The server could not complete the request; the operator can find it in the server log."));
        }
    }

    /** The one error writer of the API. */
    private static void fail(Context ctx, ApiException e) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("status", e.status());
        error.put("title", e.title());
        error.put("detail", e.detail());
        answer(ctx, e.status(), json(Map.of("error", error)));
    }

    private static void answer(Context ctx, int status, byte[] body) {
        ctx.attribute(ANSWERED, Boolean.TRUE);
        TaxiiService.commonHeaders().forEach(ctx::header);
        ctx.status(status);
        ctx.contentType(JSON);
        ctx.result(body);
    }

    static byte[] json(Object value) {
        try {
            return StixJson.mapper().writeValueAsString(value).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a response could not be written as JSON", e);
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = RestApi.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
