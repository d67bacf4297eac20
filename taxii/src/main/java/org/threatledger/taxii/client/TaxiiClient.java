package org.threatledger.taxii.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.threatledger.stix.StixObject;
import org.threatledger.stix.Validator;

/**
 * A TAXII 2.1 client on {@link HttpClient}: pulls a collection's objects into a consumer and
 * pushes objects into a collection.
 *
 * <p>Design: {@link #connect} reads the given URL once and tells a discovery resource
 * ({@code api_roots}) from an API root ({@code versions}, {@code max_content_length}) by its shape.
 * A collection is looked for in the default API root first, then in the others. Paging, ties on
 * {@code date_added} and hostile servers are {@link Puller}'s business; envelopes and status
 * polling {@link Pusher}'s; retries, limits and media types {@link Transport}'s.
 */
public final class TaxiiClient implements AutoCloseable {
    private static final long DEFAULT_MAX_CONTENT = 10L * 1024 * 1024;

    private final HttpClient http;
    private final Transport transport;
    private final URI url;
    private final List<URI> apiRoots;
    private final Validator validator = new Validator();
    private final Map<String, URI> rootOf = new HashMap<>();

    private TaxiiClient(HttpClient http, Transport transport, URI url, List<URI> apiRoots) {
        this.http = http;
        this.transport = transport;
        this.url = url;
        this.apiRoots = apiRoots;
    }

    /** Connects to a discovery URL or an API root URL; fails with the URL and what it found there. */
    public static TaxiiClient connect(URI url, Credentials credentials, ClientOptions options) {
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(options.requestTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        try {
            Transport transport = new Transport(http, credentials, options);
            URI base = slashed(url);
            JsonNode resource = transport.getJson(base);
            return new TaxiiClient(http, transport, base, apiRoots(base, resource));
        } catch (RuntimeException e) {
            http.close();
            throw e;
        }
    }

    private static List<URI> apiRoots(URI base, JsonNode resource) {
        if (resource.has("api_roots")) {
            // TAXII 2.1 discovery resource: the default root first, then the others in the server's order.
            List<URI> roots = new ArrayList<>();
            if (resource.hasNonNull("default")) {
                roots.add(slashed(base.resolve(resource.get("default").asText())));
            }
            for (JsonNode r : resource.get("api_roots")) {
                URI root = slashed(base.resolve(r.asText()));
                if (!roots.contains(root)) {
                    roots.add(root);
                }
            }
            if (roots.isEmpty()) {
                throw new TaxiiException(base.toString(), "the discovery resource lists no API roots");
            }
            return roots;
        }
        if (resource.has("versions") || resource.has("max_content_length")) {
            return List.of(base);
        }
        throw new TaxiiException(base.toString(), "neither a TAXII discovery resource (api_roots) nor an API root (versions)");
    }

    /** The API roots this client knows, the default first. */
    public List<URI> apiRoots() {
        return apiRoots;
    }

    /** Pulls every object added after {@code since}; see {@link PullState} for how ties are kept exact. */
    public PullResult pull(String collectionId, PullState since, Consumer<StixObject> objects) {
        return pull(collectionId, since, Long.MAX_VALUE, objects);
    }

    /** Pulls at most {@code limit} objects (stopping at a page boundary, resumable from the state returned). */
    public PullResult pull(String collectionId, PullState since, long limit, Consumer<StixObject> objects) {
        URI root = rootOf(collectionId, "can_read");
        return new Puller(transport, objectsUri(root, collectionId), validator).pull(since, limit, objects);
    }

    /** Pushes objects in envelopes that fit the API root's {@code max_content_length}, and reports each one's outcome. */
    public PushResult push(String collectionId, List<StixObject> objects) {
        URI root = rootOf(collectionId, "can_write");
        long max = transport.getJson(root).path("max_content_length").asLong(DEFAULT_MAX_CONTENT);
        return new Pusher(transport, root, objectsUri(root, collectionId), max > 0 ? max : DEFAULT_MAX_CONTENT).push(objects);
    }

    /** The API root holding the collection, checked to allow {@code permission} (TAXII 2.1 collection resource). */
    private URI rootOf(String collectionId, String permission) {
        URI known = rootOf.get(collectionId);
        if (known != null) {
            return known;
        }
        for (URI root : apiRoots) {
            URI collection = root.resolve("collections/" + encode(collectionId) + "/");
            JsonNode c;
            try {
                c = transport.getJson(collection);
            } catch (TaxiiException e) {
                if (e.refusedWith() == 404) {
                    continue;
                }
                throw e;
            }
            if (!c.path(permission).asBoolean(false)) {
                throw new TaxiiException(collection.toString(), "the collection does not allow "
                        + (permission.equals("can_read") ? "reading" : "writing") + " with these credentials (" + permission + " is false)");
            }
            rootOf.put(collectionId, root);
            return root;
        }
        throw new TaxiiException(url.toString(), "no collection '" + collectionId + "' in " + apiRoots);
    }

    private static URI objectsUri(URI root, String collectionId) {
        return root.resolve("collections/" + encode(collectionId) + "/objects/");
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static URI slashed(URI u) {
        String s = u.toString();
        return s.endsWith("/") ? u : URI.create(s + "/");
    }

    @Override
    public void close() {
        http.close();
    }
}
