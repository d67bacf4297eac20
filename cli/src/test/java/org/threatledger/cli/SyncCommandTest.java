package org.threatledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.threatledger.stix.Ids;
import org.threatledger.stix.StixJson;
import org.threatledger.stix.Tlp;

/** {@code sync pull/push} against a small TAXII 2.1 server over real HTTP on 127.0.0.1. */
class SyncCommandTest {
    static final String TAXII = "application/taxii+json;version=2.1";

    @TempDir
    Path home;
    HttpServer server;
    String url;
    final List<ObjectNode> served = new ArrayList<>();
    final List<String> dates = new ArrayList<>();
    final List<String> queries = new CopyOnWriteArrayList<>();
    final List<String> posted = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::serve);
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort() + "/taxii2/";
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    static ObjectNode identity(String name, Tlp tlp) {
        ObjectNode o = StixJson.object();
        o.put("type", "identity").put("spec_version", "2.1").put("id", Ids.derived("identity", "sync", name))
                .put("created", "2024-01-01T00:00:00.000Z").put("modified", "2024-01-01T00:00:00.000Z")
                .put("name", name).put("identity_class", "organization");
        if (tlp != null) {
            o.putArray("object_marking_refs").add(tlp.markingId());
        }
        return o;
    }

    void serve(HttpExchange x) throws IOException {
        try (x) {
            String path = x.getRequestURI().getPath();
            switch (path) {
                case "/taxii2/" -> send(x, "{\"api_roots\":[\"/api1/\"]}");
                case "/api1/" -> send(x, "{\"versions\":[\"" + TAXII + "\"],\"max_content_length\":1000000}");
                case "/api1/collections/c1/" -> send(x, "{\"id\":\"c1\",\"can_read\":true,\"can_write\":true}");
                case "/api1/collections/c1/objects/" -> {
                    if (x.getRequestMethod().equals("POST")) {
                        for (JsonNode o : StixJson.mapper().readTree(x.getRequestBody()).get("objects")) {
                            posted.add(o.get("id").asText());
                        }
                        send(x, "{\"id\":\"s1\",\"status\":\"complete\",\"success_count\":" + posted.size() + ",\"failure_count\":0}");
                    } else {
                        objects(x);
                    }
                }
                default -> {
                    x.sendResponseHeaders(404, -1);
                }
            }
        }
    }

    void objects(HttpExchange x) throws IOException {
        String q = x.getRequestURI().getQuery();
        queries.add(q);
        String after = q.contains("added_after=") ? q.replaceAll(".*added_after=([^&]*).*", "$1") : null;
        ObjectNode envelope = StixJson.object().put("more", false);
        ArrayNode objects = envelope.putArray("objects");
        String last = null;
        for (int i = 0; i < served.size(); i++) {
            if (after == null || dates.get(i).compareTo(after) > 0) {
                objects.add(served.get(i));
                last = dates.get(i);
            }
        }
        if (last != null) {
            x.getResponseHeaders().set("X-TAXII-Date-Added-Last", last);
        }
        send(x, StixJson.write(envelope));
    }

    static void send(HttpExchange x, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", TAXII);
        x.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }

    CliTest.Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliTest.Result(code, out.toString(), err.toString());
    }

    @Test
    void syncPull_importsValidObjects_rejectsInvalid_andResumesFromTheStoredState() throws IOException {
        served.add(identity("alpha", null));
        served.add(identity("beta", null));
        served.add(identity("broken", null).put("created", "yesterday"));
        dates.add("2025-01-01T00:00:00.000001Z");
        dates.add("2025-01-01T00:00:00.000002Z");
        dates.add("2025-01-01T00:00:00.000002Z");

        CliTest.Result first = run("--home", home.toString(), "--json", "sync", "pull", url, "--collection", "c1");
        assertThat(first.code()).as(first.err()).isEqualTo(Main.REJECTED);
        JsonNode report = first.json();
        assertThat(report.path("totals").path("added").asLong()).isEqualTo(2);
        assertThat(report.path("rejected").toString()).contains(Ids.derived("identity", "sync", "broken")).contains("'created'");
        assertThat(report.path("complete").asBoolean()).isTrue();
        try (var files = Files.list(home.resolve("feeds"))) {
            assertThat(files.toList()).hasSize(1);
        }

        served.add(identity("gamma", null));
        dates.add("2025-01-01T00:00:00.000003Z");
        CliTest.Result second = run("--home", home.toString(), "--json", "sync", "pull", url, "--collection", "c1");
        // beta and broken share the boundary instant: received again, dropped as duplicates, not re-rejected
        assertThat(second.code()).as(second.err()).isEqualTo(Main.OK);
        assertThat(second.json().path("totals").path("added").asLong()).isEqualTo(1);
        assertThat(second.json().path("duplicates").asLong()).isEqualTo(2);
        assertThat(queries.get(1)).contains("added_after=2025-01-01T00:00:00.000001Z");

        try (var store = org.threatledger.store.Stores.embedded(home)) {
            var gamma = store.get(Ids.derived("identity", "sync", "gamma")).orElseThrow();
            assertThat(gamma.provenance().source()).isEqualTo("taxii:127.0.0.1:" + server.getAddress().getPort() + "/c1");
            assertThat(store.get(Ids.derived("identity", "sync", "broken"))).isEmpty();
        }
    }

    @Test
    void syncPull_urlThatIsNotTaxii_failsNamingTheUrl() {
        String wrong = url.replace("/taxii2/", "/nothing/");
        CliTest.Result r = run("--home", home.toString(), "sync", "pull", wrong, "--collection", "c1");
        assertThat(r.code()).isEqualTo(Main.FAILURE);
        assertThat(r.err()).contains(wrong).contains("HTTP 404");
    }

    @Test
    void syncPush_sendsObjectsUpToTheTlpCeiling_neverRed() {
        served.add(identity("clear", Tlp.CLEAR));
        served.add(identity("green", Tlp.GREEN));
        served.add(identity("red", Tlp.RED));
        for (int i = 1; i <= 3; i++) {
            dates.add("2025-01-01T00:00:00.00000" + i + "Z");
        }
        assertThat(run("--home", home.toString(), "sync", "pull", url, "--collection", "c1").code()).isZero();

        CliTest.Result r = run("--home", home.toString(), "sync", "push", url, "--collection", "c1", "--type", "identity");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(posted).containsExactlyInAnyOrder(Ids.derived("identity", "sync", "clear"), Ids.derived("identity", "sync", "green"));
        assertThat(r.out()).contains("pushed 2 objects");
        assertThat(run("--home", home.toString(), "sync", "push", url, "--collection", "c1", "--max-tlp", "red").code())
                .isEqualTo(Main.USAGE);
    }
}
