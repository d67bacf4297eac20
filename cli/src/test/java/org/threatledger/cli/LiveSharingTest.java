package org.threatledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.threatledger.server.TaxiiServer;
import org.threatledger.stix.Ids;
import org.threatledger.stix.StixJson;
import org.threatledger.stix.StixObject;
import org.threatledger.stix.Tlp;
import org.threatledger.store.KnowledgeStore;
import org.threatledger.store.Provenance;
import org.threatledger.store.Stores;
import org.threatledger.taxii.DisclosureLog;
import org.threatledger.taxii.LiveSharingConfig;
import org.threatledger.taxii.SharingConfig;

/**
 * A running server follows {@code partner} and {@code collection} commands without a restart: the
 * server is started as {@code serve} starts it, the commands run as a user runs them, and the very
 * next request (no waiting) sees the change.
 */
class LiveSharingTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String GREEN = Ids.derived("indicator", "live", "green");
    private static final String AMBER = Ids.derived("indicator", "live", "amber");

    @TempDir
    Path home;
    KnowledgeStore store;
    TaxiiServer server;

    @BeforeEach
    void start() {
        assertThat(run("collection", "add", "ind", "--title", "Indicators", "--query", "type = indicator")).contains("added");
        store = Stores.embedded(home);
        store.put(List.of(indicator(GREEN, Tlp.GREEN), indicator(AMBER, Tlp.AMBER)),
                new Provenance("test", "LiveSharingTest", Instant.parse("2026-01-01T00:00:00Z"), null));
        server = TaxiiServer.start("127.0.0.1", 0, LiveSharingConfig.watch(home.resolve(SharingConfig.FILE)), store,
                new DisclosureLog(home.resolve("disclosures.log")));
    }

    @AfterEach
    void stop() {
        server.close();
        store.close();
    }

    @Test
    void revokedPartner_getsUnauthorized_onItsVeryNextRequest() {
        String token = secretOf(run("partner", "add", "acme", "--max-tlp", "amber", "--read", "ind"), "acme");
        assertThat(get("/taxii2/intel/collections/ind/objects/", token).statusCode()).isEqualTo(200);

        run("partner", "revoke", "acme");

        HttpResponse<String> after = get("/taxii2/intel/collections/ind/objects/", token);
        assertThat(after.statusCode()).isEqualTo(401);
        assertThat(after.body()).doesNotContain(GREEN, AMBER);
        assertThat(get("/api/stats", token).statusCode()).as("the REST API shares the authentication").isEqualTo(401);
    }

    @Test
    void partnerAddedWhileServing_logsInAtOnce() {
        assertThat(get("/taxii2/", "late.not-a-secret").statusCode()).isEqualTo(401);

        String token = secretOf(run("partner", "add", "late", "--max-tlp", "green", "--read", "ind"), "late");

        HttpResponse<String> objects = get("/taxii2/intel/collections/ind/objects/", token);
        assertThat(objects.statusCode()).isEqualTo(200);
        assertThat(ids(objects)).containsExactly(GREEN);
    }

    @Test
    void narrowedMaxTlp_andNewCollection_applyToTheNextRequest() {
        String token = secretOf(run("partner", "add", "acme", "--max-tlp", "amber", "--read", "ind"), "acme");
        assertThat(ids(get("/taxii2/intel/collections/ind/objects/", token))).containsExactlyInAnyOrder(GREEN, AMBER);

        run("partner", "update", "acme", "--max-tlp", "green");

        HttpResponse<String> narrowed = get("/taxii2/intel/collections/ind/objects/", token);
        assertThat(ids(narrowed)).containsExactly(GREEN);
        assertThat(narrowed.body()).doesNotContain(AMBER);
        assertThat(get("/taxii2/intel/collections/ind/objects/" + AMBER + "/", token).statusCode()).isEqualTo(404);

        assertThat(get("/taxii2/intel/collections/amber-only/", token).statusCode()).isEqualTo(404);
        run("collection", "add", "amber-only", "--title", "Amber", "--query", "type = indicator AND tlp <= amber");
        run("partner", "update", "acme", "--read", "ind", "amber-only", "--max-tlp", "amber");

        HttpResponse<String> added = get("/taxii2/intel/collections/amber-only/objects/", token);
        assertThat(added.statusCode()).isEqualTo(200);
        assertThat(ids(added)).containsExactlyInAnyOrder(GREEN, AMBER);
    }

    @Test
    void brokenHandEdit_keepsTheConfigurationInForce_untilTheFileIsFixed() throws IOException {
        String token = secretOf(run("partner", "add", "acme", "--max-tlp", "green", "--read", "ind"), "acme");
        assertThat(get("/taxii2/intel/collections/ind/objects/", token).statusCode()).isEqualTo(200);
        Path file = home.resolve(SharingConfig.FILE);
        String good = java.nio.file.Files.readString(file);
        java.nio.file.Files.writeString(file, good.substring(0, good.length() / 2));

        assertThat(get("/taxii2/intel/collections/ind/objects/", token).statusCode()).isEqualTo(200);

        java.nio.file.Files.writeString(file, good.replace("\"revoked\" : false", "\"revoked\" : true"));
        assertThat(get("/taxii2/intel/collections/ind/objects/", token).statusCode()).isEqualTo(401);
    }

    private String run(String... args) {
        return CliRun.ok(home, args);
    }

    private static String secretOf(String added, String name) {
        return name + "." + added.lines().filter(l -> l.startsWith("secret: ")).findFirst().orElseThrow().substring(8);
    }

    private HttpResponse<String> get(String path, String bearer) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                    .header("Authorization", "Bearer " + bearer).header("Accept", "application/taxii+json;version=2.1")
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> ids(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Set<String> out = new HashSet<>();
        JsonNode body = StixJson.readTree(r.body());
        body.path("objects").forEach(o -> out.add(o.get("id").asText()));
        return out;
    }

    private static StixObject indicator(String id, Tlp tlp) {
        return StixObject.parse("{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"" + id + "\","
                + "\"created\":\"2024-01-01T00:00:00.000Z\",\"modified\":\"2024-01-01T00:00:00.000Z\","
                + "\"pattern_type\":\"stix\",\"pattern\":\"[domain-name:value = 'live.example']\","
                + "\"valid_from\":\"2024-01-01T00:00:00Z\",\"object_marking_refs\":[\"" + tlp.markingId() + "\"]}");
    }
}
