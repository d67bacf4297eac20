package org.threatledger.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.threatledger.stix.StixJson;

/**
 * An independent TAXII 2.1 client written from the specification with {@code java.net.http}
 * only (not the product's client), so the server is tested against what the spec says rather
 * than against our own reading of it twice.
 */
final class SpecClient {
    static final String TAXII = "application/taxii+json;version=2.1";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final String base;
    private final String authorization;

    SpecClient(int port, String user, String password) {
        this("http://127.0.0.1:" + port, "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    SpecClient(String base, String authorization) {
        this.base = base;
        this.authorization = authorization;
    }

    /** One answer: status, headers and body as text, and the whole of it as one string (leak checks). */
    record Answer(int status, HttpResponse<String> raw) {
        String body() {
            return raw.body();
        }

        JsonNode json() {
            return StixJson.readTree(raw.body());
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        /** Everything the client received, headers and body, for "does X appear anywhere" checks. */
        String everything() {
            return raw.headers().map() + "\n" + raw.body();
        }
    }

    Answer get(String path) {
        return get(path, TAXII);
    }

    Answer get(String path, String accept) {
        return send(request(path).header("Accept", accept).GET().build());
    }

    Answer post(String path, String contentType, String body) {
        return send(request(path).header("Accept", TAXII).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** Any method with a body (null: none), as the JSON API is asked: Accept application/json. */
    Answer send(String method, String path, String contentType, HttpRequest.BodyPublisher body) {
        HttpRequest.Builder b = request(path).header("Accept", "application/json");
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return send(b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body).build());
    }

    /** A POST to the JSON API with these bytes as the body. */
    Answer upload(String path, String contentType, byte[] body) {
        return send("POST", path, contentType, HttpRequest.BodyPublishers.ofByteArray(body));
    }

    Answer delete(String path) {
        return send(request(path).header("Accept", TAXII).DELETE().build());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        return authorization == null ? b : b.header("Authorization", authorization);
    }

    private static Answer send(HttpRequest r) {
        try {
            HttpResponse<String> response = HTTP.send(r, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
