package org.threatledger.taxii.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.threatledger.stix.StixObject;

/** Each hostile answer stops the pull with an error naming the URL and the fault, keeping the valid objects before it. */
class TaxiiHostileServerTest {
    FakeTaxiiServer server;
    final List<StixObject> got = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = new FakeTaxiiServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Answers every objects request with {@code body} as {@code type}. */
    void objectsAnswer(String type, String body) {
        server.intercept = x -> {
            if (!x.getRequestURI().getPath().endsWith("/objects/")) {
                return false;
            }
            FakeTaxiiServer.send(x, 200, type, body);
            return true;
        };
    }

    PullResult pull(ClientOptions options) {
        try (TaxiiClient c = TaxiiClient.connect(server.discovery(), Credentials.none(), options.withSleeper(d -> { }))) {
            return c.pull("c1", PullState.START, got::add);
        }
    }

    static String envelope(boolean more, String next, String objects) {
        return "{\"more\":" + more + (next == null ? "" : ",\"next\":\"" + next + "\"") + ",\"objects\":[" + objects + "]}";
    }

    static String json(int i) {
        return FakeTaxiiServer.identity(i).toJson();
    }

    String failure(PullResult r) {
        assertThat(r.failure()).isPresent();
        String m = r.failure().get().getMessage();
        assertThat(m).contains(server.apiRoot() + "collections/c1/objects/");
        return m;
    }

    @Test
    void sameNextCursorTwice_stopsAtTheRepeat() {
        objectsAnswer(FakeTaxiiServer.TAXII, envelope(true, "again", json(1) + "," + json(2)));
        PullResult r = pull(ClientOptions.defaults());
        assertThat(failure(r)).contains("next cursor 'again' a second time");
        // the repeat shows only once the second page (the same two objects) has been read
        assertThat(server.objectRequests()).hasSize(2);
        assertThat(got).hasSize(4);
    }

    @Test
    void everChangingCursor_stopsAtThePageLimit() {
        int[] n = {0};
        server.intercept = x -> {
            if (!x.getRequestURI().getPath().endsWith("/objects/")) {
                return false;
            }
            n[0]++;
            FakeTaxiiServer.send(x, 200, FakeTaxiiServer.TAXII, envelope(true, "c" + n[0], json(n[0])));
            return true;
        };
        PullResult r = pull(ClientOptions.defaults().withMaxPages(5));
        assertThat(failure(r)).contains("still has more after 5 pages");
        assertThat(r.delivered()).isEqualTo(5);
    }

    @Test
    void moreWithoutAnyWayForward_stops() {
        objectsAnswer(FakeTaxiiServer.TAXII, envelope(true, null, json(1)));
        PullResult r = pull(ClientOptions.defaults());
        assertThat(failure(r)).contains("neither next nor X-TAXII-Date-Added-Last");
        assertThat(r.delivered()).isEqualTo(1);
    }

    @Test
    void oversizePageStreamedWithoutLength_stopsWhileReadingAndKeepsTheObjectsBefore() {
        StringBuilder objects = new StringBuilder(json(0));
        for (int i = 1; i < 2000; i++) {
            objects.append(',').append(json(i));
        }
        byte[] body = envelope(false, null, objects.toString()).getBytes(StandardCharsets.UTF_8);
        server.intercept = x -> {
            if (!x.getRequestURI().getPath().endsWith("/objects/")) {
                return false;
            }
            streamChunked(x, body);
            return true;
        };
        PullResult r = pull(ClientOptions.defaults().withMaxResponseBytes(64 * 1024));
        assertThat(failure(r)).contains("larger than the limit of 65536 bytes");
        assertThat(r.delivered()).isBetween(1L, 65536L / 200);
        assertThat(got).hasSize((int) r.delivered());
    }

    @Test
    void oversizeDeclaredLength_stopsBeforeReading() {
        StringBuilder objects = new StringBuilder(json(0));
        for (int i = 1; i < 1000; i++) {
            objects.append(',').append(json(i));
        }
        objectsAnswer(FakeTaxiiServer.TAXII, envelope(false, null, objects.toString()));
        PullResult r = pull(ClientOptions.defaults().withMaxResponseBytes(64 * 1024));
        assertThat(failure(r)).contains("larger than the limit of 65536 bytes");
        assertThat(got).isEmpty();
    }

    @Test
    void wrongMediaType_stops() {
        objectsAnswer("text/html", "<html>login</html>");
        assertThat(failure(pull(ClientOptions.defaults()))).contains("wrong media type 'text/html'");
        objectsAnswer("application/taxii+json;version=2.0", envelope(false, null, json(1)));
        assertThat(failure(pull(ClientOptions.defaults()))).contains("wrong media type");
        assertThat(got).isEmpty();
    }

    @Test
    void invalidJsonMidPage_stopsAfterDeliveringTheObjectsBeforeIt() {
        objectsAnswer(FakeTaxiiServer.TAXII, "{\"more\":false,\"objects\":[" + json(1) + "," + json(2) + ",{\"type\": oops");
        PullResult r = pull(ClientOptions.defaults());
        assertThat(failure(r)).contains("invalid JSON").contains("line 1");
        assertThat(TaxiiPullTest.ids(got)).containsExactly(FakeTaxiiServer.identity(1).id(), FakeTaxiiServer.identity(2).id());
        assertThat(r.state()).isEqualTo(PullState.START);
    }

    @Test
    void invalidStixObjects_areSkippedAndReportedWhileValidOnesArrive() {
        String badId = json(3).replace(FakeTaxiiServer.identity(3).id(), "identity--not-a-uuid");
        String badTime = json(4).replace("\"created\":\"2024-01-01T00:00:00.000Z\"", "\"created\":\"yesterday\"");
        objectsAnswer(FakeTaxiiServer.TAXII, envelope(false, null, json(1) + "," + badId + ",42," + badTime + ",{\"name\":\"x\"}," + json(2)));
        PullResult r = pull(ClientOptions.defaults());
        assertThat(r.failure()).isEmpty();
        assertThat(TaxiiPullTest.ids(got)).containsExactly(FakeTaxiiServer.identity(1).id(), FakeTaxiiServer.identity(2).id());
        assertThat(r.skipped()).hasSize(4);
        assertThat(r.skipped()).extracting(PullResult.Skipped::objectId)
                .containsExactly("identity--not-a-uuid", null, FakeTaxiiServer.identity(4).id(), null);
        assertThat(r.skipped().get(0).reason()).contains("not valid STIX").contains("id");
        assertThat(r.skipped().get(1).reason()).contains("not a JSON object");
        assertThat(r.skipped().get(2).reason()).contains("created");
    }

    @Test
    void badDateAddedHeader_stops() {
        server.intercept = x -> {
            if (!x.getRequestURI().getPath().endsWith("/objects/")) {
                return false;
            }
            x.getResponseHeaders().set("X-TAXII-Date-Added-Last", "soon");
            FakeTaxiiServer.send(x, 200, FakeTaxiiServer.TAXII, envelope(false, null, json(1)));
            return true;
        };
        assertThat(failure(pull(ClientOptions.defaults()))).contains("X-TAXII-Date-Added-Last 'soon' is not a timestamp");
    }

    @Test
    void tieLargerThanAPageWithoutNext_stopsInsteadOfLooping() {
        server.pageByNext = false;
        server.add(Instant.parse("2025-01-01T00:00:00Z"), 0, 6);
        PullResult r = pull(ClientOptions.defaults().withPageSize(4));
        assertThat(failure(r)).contains("nothing new after");
        assertThat(r.delivered()).isEqualTo(4);
    }

    private static void streamChunked(HttpExchange x, byte[] body) throws IOException {
        x.getResponseHeaders().set("Content-Type", FakeTaxiiServer.TAXII);
        x.sendResponseHeaders(200, 0);
        try (OutputStream out = x.getResponseBody()) {
            for (int i = 0; i < body.length; i += 8192) {
                out.write(body, i, Math.min(8192, body.length - i));
            }
        } catch (IOException e) {
            // the client hung up, as it should
        }
    }
}
