package org.threatledger.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.threatledger.stix.StixJson;
import org.threatledger.stix.Tlp;

/** How a page leaves: with its length, or gzipped when the client accepts gzip, the same JSON either way. */
class ResponseEncodingTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path home;

    @Test
    void page_gzippedOnlyWhenAccepted_sameJsonEitherWay_identityCarriesItsLength() throws Exception {
        try (Fixture f = Fixture.oneCollection(home)) {
            f.store.put(Fixture.indicators("enc", 300, Tlp.GREEN), Fixture.TEST);
            String page = "/taxii2/intel/collections/all/objects/?limit=200";

            HttpResponse<byte[]> plain = get(f, page, null);
            HttpResponse<byte[]> gzip = get(f, page, "deflate, gzip;q=0.8");
            HttpResponse<byte[]> refused = get(f, page, "gzip;q=0, identity");

            assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
            assertThat(plain.headers().firstValueAsLong("Content-Length")).hasValue(plain.body().length);
            assertThat(gzip.headers().firstValue("Content-Encoding")).hasValue("gzip");
            byte[] inflated = new GZIPInputStream(new ByteArrayInputStream(gzip.body())).readAllBytes();
            assertThat(gzip.body().length).isLessThan(inflated.length / 4);
            assertThat(ids(inflated)).hasSize(200).isEqualTo(ids(plain.body()));
            assertThat(refused.headers().firstValue("Content-Encoding")).isEmpty();
            assertThat(ids(refused.body())).isEqualTo(ids(plain.body()));
        }
    }

    @Test
    void smallAnswer_leavesUncompressed() throws Exception {
        try (Fixture f = Fixture.oneCollection(home)) {
            HttpResponse<byte[]> discovery = get(f, "/taxii2/", "gzip");

            assertThat(discovery.statusCode()).isEqualTo(200);
            assertThat(discovery.headers().firstValue("Content-Encoding")).isEmpty();
            assertThat(StixJson.readTree(new String(discovery.body(), StandardCharsets.UTF_8)).path("title").asText()).isNotEmpty();
        }
    }

    private static List<String> ids(byte[] body) {
        JsonNode page = StixJson.readTree(new String(body, StandardCharsets.UTF_8));
        return page.path("objects").valueStream().map(o -> o.get("id").asText()).toList();
    }

    private static HttpResponse<byte[]> get(Fixture f, String path, String acceptEncoding) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + f.server.port() + path))
                .header("Accept", SpecClient.TAXII)
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("acme:" + Fixture.SECRET)
                        .getBytes(StandardCharsets.UTF_8)));
        if (acceptEncoding != null) {
            b.header("Accept-Encoding", acceptEncoding);
        }
        return HTTP.send(b.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
