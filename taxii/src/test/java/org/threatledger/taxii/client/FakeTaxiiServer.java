package org.threatledger.taxii.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.threatledger.stix.Ids;
import org.threatledger.stix.StixJson;
import org.threatledger.stix.StixObject;
import org.threatledger.stix.Timestamps;

/**
 * A small TAXII 2.1 server over real HTTP on 127.0.0.1, enough to drive the client: discovery at
 * {@code /taxii2/}, one API root {@code /api1/}, collection {@code c1}, objects with cursors
 * (or, with {@link #pageByNext} off, paging by {@code added_after} alone), add objects and status.
 * A test may put an {@link #intercept} in front to answer hostile things.
 */
final class FakeTaxiiServer implements AutoCloseable {
    static final String TAXII = "application/taxii+json;version=2.1";
    private static final DateTimeFormatter MICROS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    /** Answers a request instead of the server when it returns true. */
    interface Intercept {
        boolean answer(HttpExchange exchange) throws IOException;
    }

    record Entry(Instant dateAdded, StixObject object) { }

    private final HttpServer server;
    final List<Entry> entries = new CopyOnWriteArrayList<>();
    final List<URI> requests = new CopyOnWriteArrayList<>();
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    final List<List<String>> posted = new CopyOnWriteArrayList<>();
    volatile boolean pageByNext = true;
    volatile long maxContentLength = 10 * 1024 * 1024;
    volatile String requiredAuthorization;
    volatile Intercept intercept = e -> false;
    volatile String refuseId;
    private final Map<String, Integer> statusPolls = new HashMap<>();
    private final Map<String, List<String>> statusObjects = new HashMap<>();

    FakeTaxiiServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::serve);
        server.start();
    }

    URI discovery() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/taxii2/");
    }

    URI apiRoot() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api1/");
    }

    /** Adds {@code n} identities at {@code dateAdded}, numbered from {@code from}. */
    void add(Instant dateAdded, int from, int n) {
        for (int i = from; i < from + n; i++) {
            entries.add(new Entry(dateAdded, identity(i)));
        }
        entries.sort(Comparator.comparing(Entry::dateAdded));
    }

    static StixObject identity(int i) {
        ObjectNode o = StixJson.object();
        o.put("type", "identity");
        o.put("spec_version", "2.1");
        o.put("id", Ids.derived("identity", "fake", Integer.toString(i)));
        o.put("created", "2024-01-01T00:00:00.000Z");
        o.put("modified", "2024-01-01T00:00:00.000Z");
        o.put("name", "org " + i);
        o.put("identity_class", "organization");
        return StixObject.of(o);
    }

    private void serve(HttpExchange x) throws IOException {
        try (x) {
            requests.add(x.getRequestURI());
            String auth = x.getRequestHeaders().getFirst("Authorization");
            authorizations.add(auth == null ? "" : auth);
            if (requiredAuthorization != null && !requiredAuthorization.equals(auth)) {
                send(x, 401, TAXII, "{\"title\":\"unauthorised\"}");
                return;
            }
            if (intercept.answer(x)) {
                return;
            }
            route(x);
        }
    }

    private void route(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        switch (path) {
            case "/taxii2/" -> send(x, 200, TAXII, "{\"title\":\"fake\",\"default\":\"/api1/\",\"api_roots\":[\"/api1/\"]}");
            case "/api1/" -> send(x, 200, TAXII, "{\"title\":\"root\",\"versions\":[\"" + TAXII + "\"],\"max_content_length\":"
                    + maxContentLength + "}");
            case "/api1/collections/c1/" -> send(x, 200, TAXII, "{\"id\":\"c1\",\"title\":\"one\",\"can_read\":true,\"can_write\":true}");
            case "/api1/collections/c1/objects/" -> {
                if (x.getRequestMethod().equals("POST")) {
                    add(x);
                } else {
                    objects(x);
                }
            }
            default -> {
                if (path.startsWith("/api1/status/")) {
                    status(x, path.substring("/api1/status/".length(), path.length() - 1));
                } else {
                    send(x, 404, TAXII, "{\"title\":\"not found\"}");
                }
            }
        }
    }

    private void objects(HttpExchange x) throws IOException {
        Map<String, String> q = query(x.getRequestURI());
        Instant after = q.containsKey("added_after") ? Timestamps.parse(q.get("added_after")) : null;
        int limit = Integer.parseInt(q.getOrDefault("limit", "100"));
        List<Entry> matching = new ArrayList<>();
        for (Entry e : entries) {
            if (after == null || e.dateAdded().isAfter(after)) {
                matching.add(e);
            }
        }
        int from = q.containsKey("next") ? Integer.parseInt(q.get("next")) : 0;
        int to = Math.min(matching.size(), from + limit);
        ObjectNode envelope = StixJson.object();
        boolean more = to < matching.size();
        envelope.put("more", more);
        if (more && pageByNext) {
            envelope.put("next", Integer.toString(to));
        }
        ArrayNode objects = envelope.putArray("objects");
        for (Entry e : matching.subList(from, to)) {
            objects.add(e.object().json());
        }
        if (to > from) {
            x.getResponseHeaders().add("X-TAXII-Date-Added-First", MICROS.format(matching.get(from).dateAdded()));
            x.getResponseHeaders().add("X-TAXII-Date-Added-Last", MICROS.format(matching.get(to - 1).dateAdded()));
        }
        send(x, 200, TAXII, StixJson.write(envelope));
    }

    private void add(HttpExchange x) throws IOException {
        JsonNode envelope = StixJson.mapper().readTree(x.getRequestBody());
        List<String> ids = new ArrayList<>();
        for (JsonNode o : envelope.get("objects")) {
            ids.add(o.get("id").asText());
        }
        posted.add(ids);
        String statusId = "s" + posted.size();
        synchronized (statusPolls) {
            statusPolls.put(statusId, 0);
            statusObjects.put(statusId, ids);
        }
        send(x, 202, TAXII, statusJson(statusId, false));
    }

    private void status(HttpExchange x, String id) throws IOException {
        synchronized (statusPolls) {
            if (!statusPolls.containsKey(id)) {
                send(x, 404, TAXII, "{\"title\":\"no such status\"}");
                return;
            }
            statusPolls.merge(id, 1, Integer::sum);
        }
        send(x, 200, TAXII, statusJson(id, true));
    }

    /** Pending at first; complete on the first poll, refusing {@link #refuseId}. */
    private String statusJson(String id, boolean complete) {
        List<String> ids = statusObjects.get(id);
        ObjectNode s = StixJson.object();
        s.put("id", id);
        s.put("status", complete ? "complete" : "pending");
        s.put("total_count", ids.size());
        ArrayNode ok = s.putArray("successes");
        ArrayNode bad = s.putArray("failures");
        ArrayNode waiting = s.putArray("pendings");
        for (String o : ids) {
            ObjectNode d = StixJson.object().put("id", o).put("version", "2024-01-01T00:00:00.000Z");
            if (!complete) {
                waiting.add(d);
            } else if (o.equals(refuseId)) {
                bad.add(d.put("message", "refused by policy"));
            } else {
                ok.add(d);
            }
        }
        s.put("success_count", ok.size());
        s.put("failure_count", bad.size());
        s.put("pending_count", waiting.size());
        return StixJson.write(s);
    }

    static Map<String, String> query(URI uri) {
        Map<String, String> q = new HashMap<>();
        if (uri.getRawQuery() != null) {
            for (String kv : uri.getRawQuery().split("&")) {
                String[] p = kv.split("=", 2);
                q.put(URLDecoder.decode(p[0], StandardCharsets.UTF_8), p.length < 2 ? "" : URLDecoder.decode(p[1], StandardCharsets.UTF_8));
            }
        }
        return q;
    }

    static void send(HttpExchange x, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", type);
        x.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Objects requests seen so far (the client's GETs of the objects endpoint). */
    List<URI> objectRequests() {
        return requests.stream().filter(u -> u.getPath().endsWith("/objects/")).toList();
    }

    static String micros(Instant i) {
        return MICROS.format(i);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
