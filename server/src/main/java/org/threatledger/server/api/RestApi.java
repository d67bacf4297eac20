package org.threatledger.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
 * The JSON API at {@code /api} for the UI and automation, read-only. Authentication is TAXII's
 * (the same partners, secrets, failed-auth limit); every read goes through a {@link PartnerView},
 * so a partner sees exactly what TAXII would send it, and every STIX version an answer carries
 * goes into the disclosure log first, as for TAXII. Every failure leaves in one shape,
 * {@code {"error":{"status":..,"title":..,"detail":..}}}, written only by {@link #fail}: an
 * {@link ApiException} with its own words, anything else as a 500 that says nothing of its cause.
 * The routes are described by the hand-written {@code openapi.json} beside this class.
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
    private final byte[] openApi;

    private RestApi(SharingConfig config, KnowledgeStore store, DisclosureLog log, Authenticator auth,
                    FailedAuthLimiter limiter) {
        this.config = config;
        this.store = store;
        this.log = log;
        this.auth = auth;
        this.limiter = limiter;
        this.openApi = resource("openapi.json");
    }

    /** Registers every route of the API; authentication and the failed-auth limit are shared with TAXII. */
    public static void mount(RoutesConfig routes, SharingConfig config, KnowledgeStore store, DisclosureLog log,
                             Authenticator auth, FailedAuthLimiter limiter) {
        RestApi api = new RestApi(config, store, log, auth, limiter);
        api.route(routes, "/stats", r -> ApiResources.stats(r.view()));
        api.route(routes, "/search", ApiResources::search);
        api.route(routes, "/objects/{id}", ApiResources::object);
        api.route(routes, "/objects/{id}/versions", ApiResources::versions);
        api.route(routes, "/actors", r -> ApiResources.actors(r.view()));
        api.route(routes, "/actors/{query}", ApiResources::actor);
        api.route(routes, "/sightings", ApiResources::sightings);
        routes.get(PREFIX + "/openapi.json", ctx -> api.guard(ctx, partner -> {
            answer(ctx, 200, api.openApi);
        }));
    }

    /**
     * Answers a status Javalin raised for a path under {@code /api} (404 no route, 405 wrong method)
     * in the API's error shape, unless the API already answered; says whether the path is the API's.
     */
    public static boolean answerUnrouted(Context ctx, int status) {
        if (!ctx.path().equals(PREFIX) && !ctx.path().startsWith(PREFIX + "/")) {
            return false;
        }
        if (ctx.attribute(ANSWERED) == null) {
            fail(ctx, status == 405 ? new ApiException(405, "Method not allowed", "this API only answers GET")
                    : ApiException.notFound("no such API resource"));
        }
        return true;
    }

    /** One API request: the partner's view of the knowledge base, the HTTP context, and the STIX versions sent. */
    record Request(KnowledgeStore view, Context ctx, List<StixObject> sent) {
        /** Notes an object version this answer sends (the disclosure log records it). */
        StixObject send(StixObject o) {
            sent.add(o);
            return o;
        }
    }

    /** A resource: reads what it answers from the request's view. */
    interface Resource {
        Object read(Request r);
    }

    private void route(RoutesConfig routes, String path, Resource resource) {
        routes.get(PREFIX + path, ctx -> guard(ctx, partner -> {
            PartnerView view = new PartnerView(store, new Visibility(partner, config.defaultTlp(), store));
            Request r = new Request(view, ctx, new ArrayList<>());
            byte[] body = json(resource.read(r));
            disclose(partner, r.sent());
            answer(ctx, 200, body);
        }));
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
            fail(ctx, e);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "API request " + ctx.path() + " failed", e);
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
