package org.threatledger.taxii.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import org.threatledger.stix.StixJson;

/**
 * One TAXII request with everything around it: the TAXII media type and credentials on the way out;
 * retries with exponential backoff on 429, 5xx and connection errors (honouring {@code Retry-After});
 * on the way in, a 2xx status, the TAXII media type (TAXII 2.1 §1.6.8) and the response size limit,
 * enforced while reading. Redirects are not followed: the credentials must not travel elsewhere.
 */
final class Transport {
    static final String MEDIA_TYPE = "application/taxii+json;version=2.1";
    private static final int ERROR_BODY_LIMIT = 64 * 1024;

    private final HttpClient http;
    private final Credentials credentials;
    private final ClientOptions options;

    /** A response whose status and media type were checked; its body counts bytes as it is read. */
    record Response(URI uri, int status, HttpHeaders headers, InputStream body) implements AutoCloseable {
        Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        @Override
        public void close() {
            try {
                body.close();
            } catch (IOException e) {
                // the body was read or abandoned; nothing to recover
            }
        }
    }

    Transport(HttpClient http, Credentials credentials, ClientOptions options) {
        this.http = http;
        this.credentials = credentials;
        this.options = options;
    }

    ClientOptions options() {
        return options;
    }

    Response get(URI uri) {
        return send(uri, "GET", HttpRequest.BodyPublishers.noBody());
    }

    Response post(URI uri, byte[] body) {
        return send(uri, "POST", HttpRequest.BodyPublishers.ofByteArray(body));
    }

    /** GETs a small TAXII resource (discovery, API root, collection, status) as a JSON tree. */
    JsonNode getJson(URI uri) {
        try (Response r = get(uri)) {
            return readJson(r);
        }
    }

    static JsonNode readJson(Response r) {
        try {
            JsonNode node = StixJson.mapper().readTree(r.body());
            if (node == null || !node.isObject()) {
                throw new TaxiiException(r.uri().toString(), "expected a JSON object, found " + (node == null ? "nothing" : node.getNodeType()));
            }
            return node;
        } catch (BoundedInputStream.TooLarge e) {
            throw new TaxiiException(r.uri().toString(), e.getMessage(), e);
        } catch (JsonProcessingException e) {
            throw new TaxiiException(r.uri().toString(), "invalid JSON: " + e.getOriginalMessage()
                    + " at line " + e.getLocation().getLineNr() + " column " + e.getLocation().getColumnNr(), e);
        } catch (IOException e) {
            throw new TaxiiException(r.uri().toString(), "reading the response failed: " + describe(e), e);
        }
    }

    private Response send(URI uri, String method, HttpRequest.BodyPublisher body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(options.requestTimeout())
                .header("Accept", MEDIA_TYPE).method(method, body);
        if (method.equals("POST")) {
            b.header("Content-Type", MEDIA_TYPE);
        }
        credentials.authorization().ifPresent(a -> b.header("Authorization", a));
        HttpRequest request = b.build();
        String where = method + " " + uri;
        for (int attempt = 1; ; attempt++) {
            HttpResponse<InputStream> r;
            try {
                r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                if (attempt >= options.maxTries()) {
                    throw new TaxiiException(uri.toString(), method + " failed after " + attempt + " tries: " + describe(e), e);
                }
                pause(uri, backoff(attempt));
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TaxiiException(uri.toString(), method + " interrupted");
            }
            int status = r.statusCode();
            if (retryable(status)) {
                drain(r.body());
                if (attempt >= options.maxTries()) {
                    throw new TaxiiException(uri.toString(), method + " answered HTTP " + status + " " + attempt + " times; giving up");
                }
                pause(uri, wait(uri, attempt, r.headers()));
                continue;
            }
            if (status / 100 != 2) {
                throw failure(where, uri, status, r);
            }
            return accepted(uri, status, r);
        }
    }

    private Response accepted(URI uri, int status, HttpResponse<InputStream> r) {
        Response response = new Response(uri, status, r.headers(), new BoundedInputStream(r.body(), options.maxResponseBytes()));
        String type = r.headers().firstValue("Content-Type").orElse("");
        if (!isTaxii(type)) {
            response.close();
            throw new TaxiiException(uri.toString(), "wrong media type '" + type + "', expected " + MEDIA_TYPE);
        }
        long length = r.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (length > options.maxResponseBytes()) {
            response.close();
            throw new TaxiiException(uri.toString(), "the response is " + length + " bytes, larger than the limit of "
                    + options.maxResponseBytes() + " bytes");
        }
        return response;
    }

    /** {@code application/taxii+json} with {@code version=2.1} or no version (TAXII 2.1 §1.6.8). */
    static boolean isTaxii(String contentType) {
        String[] parts = contentType.split(";");
        if (!parts[0].strip().equalsIgnoreCase("application/taxii+json")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].split("=", 2);
            if (kv[0].strip().equalsIgnoreCase("version") && (kv.length < 2 || !kv[1].strip().replace("\"", "").equals("2.1"))) {
                return false;
            }
        }
        return true;
    }

    private static boolean retryable(int status) {
        return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
    }

    private TaxiiException failure(String where, URI uri, int status, HttpResponse<InputStream> r) {
        String detail = errorDetail(r);
        if (status / 100 == 3) {
            return new TaxiiException(uri.toString(), "redirected (HTTP " + status + ") to "
                    + r.headers().firstValue("Location").orElse("nowhere") + "; use that URL");
        }
        if (status == 401 || status == 403) {
            return new TaxiiException(uri.toString(), "HTTP " + status + (status == 401 ? " unauthenticated" : " forbidden")
                    + " with " + credentials + detail, status);
        }
        if (status / 100 == 4) {
            return new TaxiiException(uri.toString(), where.substring(0, where.indexOf(' ')) + " refused with HTTP " + status + detail, status);
        }
        return new TaxiiException(uri.toString(), "HTTP " + status + detail);
    }

    /** The TAXII error resource's title and description, if the body is one (TAXII 2.1 §3.6.1). */
    private static String errorDetail(HttpResponse<InputStream> r) {
        try (InputStream in = new BoundedInputStream(r.body(), ERROR_BODY_LIMIT)) {
            JsonNode e = StixJson.mapper().readTree(in);
            if (e != null && e.isObject() && e.hasNonNull("title")) {
                String title = e.get("title").asText();
                String description = e.path("description").asText("");
                return ": " + clip(title) + (description.isEmpty() ? "" : " (" + clip(description) + ")");
            }
        } catch (IOException | RuntimeException e) {
            // not an error resource: the status says enough
        }
        return "";
    }

    private static String clip(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

    private Duration wait(URI uri, int attempt, HttpHeaders headers) {
        Duration backoff = backoff(attempt);
        Optional<Duration> asked = headers.firstValue("Retry-After").flatMap(Transport::retryAfter);
        if (asked.isEmpty()) {
            return backoff;
        }
        if (asked.get().compareTo(options.maxDelay()) > 0) {
            throw new TaxiiException(uri.toString(), "the server asks to retry after " + asked.get().toSeconds()
                    + " s, longer than the " + options.maxDelay().toSeconds() + " s this client waits");
        }
        return asked.get().compareTo(backoff) > 0 ? asked.get() : backoff;
    }

    /** RFC 9110 §10.2.3: delay-seconds or an HTTP-date. */
    static Optional<Duration> retryAfter(String value) {
        String v = value.strip();
        try {
            if (!v.isEmpty() && v.chars().allMatch(Character::isDigit)) {
                return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
            }
            ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.ROOT));
            Duration d = Duration.between(java.time.Instant.now(), at.toInstant());
            return Optional.of(d.isNegative() ? Duration.ZERO : d);
        } catch (NumberFormatException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    Duration backoff(int attempt) {
        Duration d = options.firstDelay().multipliedBy(1L << Math.min(attempt - 1, 20));
        return d.compareTo(options.maxDelay()) > 0 ? options.maxDelay() : d;
    }

    void pause(URI uri, Duration d) {
        try {
            options.sleeper().sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TaxiiException(uri.toString(), "interrupted while waiting to retry");
        }
    }

    private static void drain(InputStream body) {
        try (InputStream in = body) {
            in.skip(ERROR_BODY_LIMIT);
        } catch (IOException e) {
            // the connection is dropped; the retry opens another
        }
    }

    static String describe(Throwable e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }
}
