package org.threatledger.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.threatledger.stix.Tlp;
import org.threatledger.taxii.Partner;

/**
 * The OpenAPI document at /api/openapi.json matches the running server: the routes come from the
 * server itself (what Javalin registered), not from a copy in this test; every operation answers
 * its documented success status, an upload when sent the example body the document gives.
 */
class OpenApiDocumentTest {
    /** A value that exists in the test knowledge base for each path parameter the document uses. */
    private static final Map<String, String> PATH_VALUES = Map.of("{id}", ApiKnowledge.GREEN_INDICATOR, "{query}", "Greenfox");

    @TempDir
    Path home;
    Fixture f;
    SpecClient green;
    JsonNode doc;

    @BeforeEach
    void start() {
        // our own organisation, so that the uploads answer too
        f = new Fixture(home, List.of(), List.of(Fixture.partner("green", Tlp.GREEN, true, List.of(), List.of(),
                EnumSet.noneOf(Partner.Redaction.class))), 50, 64 * 1024);
        ApiKnowledge.load(f.store);
        green = f.client("green");
        SpecClient.Answer a = green.get("/api/openapi.json", RestApiTest.JSON);
        assertThat(a.status()).isEqualTo(200);
        doc = a.json();
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private TreeSet<String> documented() {
        TreeSet<String> out = new TreeSet<>();
        doc.get("paths").properties().forEach(p -> p.getValue().fieldNames()
                .forEachRemaining(m -> out.add(m.toUpperCase(Locale.ROOT) + " " + p.getKey())));
        return out;
    }

    @Test
    void document_isOpenApi31_withBasicAndBearerSchemes() {
        assertThat(doc.get("openapi").asText()).startsWith("3.1.");
        JsonNode schemes = doc.get("components").get("securitySchemes");
        assertThat(schemes.get("basic").get("scheme").asText()).isEqualTo("basic");
        assertThat(schemes.get("bearer").get("scheme").asText()).isEqualTo("bearer");
        assertThat(doc.get("security").toString()).contains("basic", "bearer");
    }

    @Test
    void everyApiRouteOfTheRunningServer_isDocumented_andNothingElse() {
        TreeSet<String> registered = new TreeSet<>(f.server.routes().stream()
                .filter(r -> r.substring(r.indexOf(' ') + 1).startsWith("/api")).toList());

        assertThat(registered).isNotEmpty();
        assertThat(documented()).isEqualTo(registered);
    }

    @Test
    void everyDocumentedOperation_answersItsSuccessStatus_withValidCredentials() {
        List<String> failures = new ArrayList<>();
        doc.get("paths").properties().forEach(p -> p.getValue().properties().forEach(op -> {
            String path = p.getKey();
            for (Map.Entry<String, String> v : PATH_VALUES.entrySet()) {
                path = path.replace(v.getKey(), v.getValue());
            }
            assertThat(path).as("every path parameter has a test value").doesNotContain("{");
            String url = path + requiredQuery(op.getValue());
            int expected = success(op.getValue());
            SpecClient.Answer a = switch (op.getKey()) {
                case "get" -> green.get(url, RestApiTest.JSON);
                case "post" -> post(url, op.getValue());
                default -> throw new AssertionError("no test for method " + op.getKey());
            };
            if (a.status() != expected) {
                failures.add(op.getKey().toUpperCase(Locale.ROOT) + " " + url + " -> " + a.status() + " " + a.body());
            }
        }));
        assertThat(failures).isEmpty();
    }

    /** The one 2xx status an operation documents. */
    private static int success(JsonNode operation) {
        List<Integer> ok = new ArrayList<>();
        operation.get("responses").fieldNames().forEachRemaining(code -> {
            if (code.startsWith("2")) {
                ok.add(Integer.parseInt(code));
            }
        });
        assertThat(ok).hasSize(1);
        return ok.getFirst();
    }

    /** Posts the example body the document gives for the operation (the first media type with one). */
    private SpecClient.Answer post(String url, JsonNode operation) {
        for (Map.Entry<String, JsonNode> media : operation.get("requestBody").get("content").properties()) {
            JsonNode example = media.getValue().get("example");
            if (example != null) {
                String body = example.isTextual() ? example.asText() : example.toString();
                return green.upload(url, media.getKey(), body.getBytes(StandardCharsets.UTF_8));
            }
        }
        throw new AssertionError(url + ": the request body documents no example");
    }

    @Test
    void everyPathOfTheDocument_askedWithAnotherMethod_is405NamingItsMethods() {
        doc.get("paths").properties().forEach(p -> {
            String path = p.getKey();
            for (Map.Entry<String, String> v : PATH_VALUES.entrySet()) {
                path = path.replace(v.getKey(), v.getValue());
            }
            TreeSet<String> methods = new TreeSet<>();
            p.getValue().fieldNames().forEachRemaining(m -> methods.add(m.toUpperCase(Locale.ROOT)));
            SpecClient.Answer a = green.send("PATCH", path, null, null);
            assertThat(a.status()).as(path).isEqualTo(405);
            assertThat(a.header("Allow")).as(path).isEqualTo(String.join(", ", methods));
        });
    }

    @Test
    void everyOperation_documentsTheErrorShapeFor401() {
        doc.get("paths").properties().forEach(p -> p.getValue().properties().forEach(op ->
                assertThat(op.getValue().get("responses").get("401").get("$ref").asText())
                        .as(p.getKey()).isEqualTo("#/components/responses/Error")));
    }

    /** A value for every required query parameter (only {@code q} today; a new one without a value fails loudly). */
    private static String requiredQuery(JsonNode operation) {
        StringBuilder q = new StringBuilder();
        JsonNode params = operation.get("parameters");
        if (params == null) {
            return "";
        }
        for (JsonNode p : params) {
            if (p.get("in").asText().equals("query") && p.path("required").asBoolean()) {
                assertThat(p.get("name").asText()).as("a test value for required query parameter").isEqualTo("q");
                q.append(q.isEmpty() ? "?" : "&").append("q=espionage");
            }
        }
        return q.toString();
    }
}
