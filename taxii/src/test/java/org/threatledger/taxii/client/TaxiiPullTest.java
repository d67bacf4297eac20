package org.threatledger.taxii.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.threatledger.stix.StixObject;

class TaxiiPullTest {
    static final Instant T = Instant.parse("2025-03-01T10:00:00.000001Z");

    FakeTaxiiServer server;
    final List<Duration> waits = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = new FakeTaxiiServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    ClientOptions options(int pageSize) {
        return ClientOptions.defaults().withPageSize(pageSize).withSleeper(waits::add);
    }

    TaxiiClient client(int pageSize) {
        return TaxiiClient.connect(server.discovery(), Credentials.none(), options(pageSize));
    }

    static List<String> ids(List<StixObject> objects) {
        return objects.stream().map(StixObject::id).toList();
    }

    @Test
    void pull_threePages_deliversEveryObjectOnceInOrder() {
        for (int i = 0; i < 25; i++) {
            server.add(T.plusSeconds(i), i, 1);
        }
        List<StixObject> got = new ArrayList<>();
        PullResult r;
        try (TaxiiClient c = client(10)) {
            r = c.pull("c1", PullState.START, got::add);
        }
        assertThat(r.failure()).isEmpty();
        assertThat(r.pages()).isEqualTo(3);
        assertThat(r.delivered()).isEqualTo(25);
        assertThat(ids(got)).isEqualTo(server.entries.stream().map(e -> e.object().id()).toList());
        assertThat(server.objectRequests()).hasSize(3);
        assertThat(server.objectRequests().get(1).getQuery()).contains("next=10");
        assertThat(r.state().addedAfter()).isEqualTo(T.plusSeconds(24));
        assertThat(r.state().next()).isNull();
    }

    @Test
    void pull_apiRootUrl_isRecognisedByItsShape() {
        server.add(T, 0, 3);
        try (TaxiiClient c = TaxiiClient.connect(server.apiRoot(), Credentials.none(), options(10))) {
            assertThat(c.apiRoots()).containsExactly(server.apiRoot());
            assertThat(c.pull("c1", PullState.START, o -> { }).delivered()).isEqualTo(3);
        }
    }

    @Test
    void pull_tiesOnDateAddedAcrossPagesWithoutNext_noLossNoDuplicates() {
        server.pageByNext = false;
        server.add(T, 0, 3);
        server.add(T.plusMillis(1), 3, 4);
        server.add(T.plusMillis(2), 7, 3);
        List<StixObject> got = new ArrayList<>();
        PullResult r;
        try (TaxiiClient c = client(5)) {
            r = c.pull("c1", PullState.START, got::add);
        }
        assertThat(r.failure()).isEmpty();
        assertThat(ids(got)).doesNotHaveDuplicates().hasSize(10)
                .containsExactlyElementsOf(server.entries.stream().map(e -> e.object().id()).toList());
        assertThat(r.duplicates()).isPositive();
        assertThat(server.objectRequests().get(1).getQuery())
                .contains("added_after=" + PullState.format(T.plusMillis(1).minusNanos(1000)));
    }

    @Test
    void pull_resumeFromStoredState_deliversOnlyNewObjectsIncludingTiesWithTheLastInstant() {
        server.add(T, 0, 4);
        server.add(T.plusSeconds(1), 4, 4);
        PullState saved;
        try (TaxiiClient c = client(3)) {
            saved = PullState.parse(c.pull("c1", PullState.START, o -> { }).state().toJson());
        }
        server.add(T.plusSeconds(1), 100, 3);
        server.add(T.plusSeconds(2), 200, 2);
        List<StixObject> got = new ArrayList<>();
        PullResult r;
        try (TaxiiClient c = client(3)) {
            r = c.pull("c1", saved, got::add);
        }
        assertThat(r.failure()).isEmpty();
        List<String> expected = new ArrayList<>();
        for (int i : new int[] {100, 101, 102, 200, 201}) {
            expected.add(FakeTaxiiServer.identity(i).id());
        }
        assertThat(ids(got)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void pull_limitStopsMidWalk_laterPullResumesWithTheCursor() {
        for (int i = 0; i < 12; i++) {
            server.add(T, i, 1);
        }
        server.add(T.plusSeconds(1), 12, 13);
        List<StixObject> got = new ArrayList<>();
        PullResult first;
        PullResult second;
        try (TaxiiClient c = client(5)) {
            first = c.pull("c1", PullState.START, 10, got::add);
            assertThat(first.delivered()).isEqualTo(10);
            assertThat(first.state().next()).isEqualTo("10");
            second = c.pull("c1", PullState.parse(first.state().toJson()), got::add);
        }
        assertThat(second.failure()).isEmpty();
        assertThat(second.delivered()).isEqualTo(15);
        assertThat(ids(got)).doesNotHaveDuplicates().hasSize(25);
        assertThat(second.state().next()).isNull();
    }

    @Test
    void pull_expiredStoredCursor_startsOverFromAddedAfterWithoutDuplicates() {
        server.add(T, 0, 10);
        PullState stale = new PullState(null, java.util.Set.of(), "999", null);
        server.intercept = x -> {
            if ("999".equals(FakeTaxiiServer.query(x.getRequestURI()).get("next"))) {
                FakeTaxiiServer.send(x, 400, FakeTaxiiServer.TAXII, "{\"title\":\"bad cursor\"}");
                return true;
            }
            return false;
        };
        List<StixObject> got = new ArrayList<>();
        try (TaxiiClient c = client(4)) {
            PullResult r = c.pull("c1", stale, got::add);
            assertThat(r.failure()).isEmpty();
        }
        assertThat(ids(got)).doesNotHaveDuplicates().hasSize(10);
    }

    @Test
    void pull_retriesAfter429And503_honouringRetryAfter() {
        server.add(T, 0, 3);
        int[] objectCalls = {0};
        server.intercept = x -> {
            if (!x.getRequestURI().getPath().endsWith("/objects/")) {
                return false;
            }
            objectCalls[0]++;
            if (objectCalls[0] == 1) {
                x.getResponseHeaders().set("Retry-After", "2");
                FakeTaxiiServer.send(x, 429, FakeTaxiiServer.TAXII, "{\"title\":\"slow down\"}");
                return true;
            }
            if (objectCalls[0] == 2) {
                x.getResponseHeaders().set("Retry-After", "1");
                FakeTaxiiServer.send(x, 503, "text/plain", "busy");
                return true;
            }
            return false;
        };
        PullResult r;
        try (TaxiiClient c = client(10)) {
            r = c.pull("c1", PullState.START, o -> { });
        }
        assertThat(r.failure()).isEmpty();
        assertThat(r.delivered()).isEqualTo(3);
        assertThat(waits).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2));
    }

    @Test
    void pull_serverAlwaysUnavailable_givesUpAfterBoundedTriesWithBackoff() {
        server.intercept = x -> {
            if (x.getRequestURI().getPath().endsWith("/objects/")) {
                FakeTaxiiServer.send(x, 503, "text/plain", "down");
                return true;
            }
            return false;
        };
        PullResult r;
        try (TaxiiClient c = client(10)) {
            r = c.pull("c1", PullState.START, o -> { });
        }
        assertThat(r.failure()).get().extracting(Throwable::getMessage).asString()
                .contains(server.apiRoot() + "collections/c1/objects/").contains("HTTP 503 5 times");
        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8));
        assertThat(r.state()).isEqualTo(PullState.START);
    }

    @Test
    void basicCredentials_sentOnEveryRequest() {
        String basic = "Basic " + Base64.getEncoder().encodeToString("alice:s3cret".getBytes(StandardCharsets.UTF_8));
        server.requiredAuthorization = basic;
        server.add(T, 0, 2);
        try (TaxiiClient c = TaxiiClient.connect(server.discovery(), Credentials.basic("alice", "s3cret"), options(10))) {
            assertThat(c.pull("c1", PullState.START, o -> { }).delivered()).isEqualTo(2);
        }
        assertThat(new HashSet<>(server.authorizations)).containsExactly(basic);
    }

    @Test
    void bearerToken_sentOnEveryRequest() {
        server.requiredAuthorization = "Bearer tok-123";
        server.add(T, 0, 2);
        try (TaxiiClient c = TaxiiClient.connect(server.discovery(), Credentials.bearer("tok-123"), options(10))) {
            assertThat(c.pull("c1", PullState.START, o -> { }).delivered()).isEqualTo(2);
        }
        assertThat(new HashSet<>(server.authorizations)).containsExactly("Bearer tok-123");
    }

    @Test
    void wrongPassword_failsNamingTheUrlAndTheUserButNotThePassword() {
        server.requiredAuthorization = "Bearer other";
        assertThatThrownBy(() -> TaxiiClient.connect(server.discovery(), Credentials.basic("alice", "s3cret"), options(10)))
                .isInstanceOf(TaxiiException.class)
                .hasMessageContaining(server.discovery().toString())
                .hasMessageContaining("HTTP 401")
                .hasMessageContaining("alice")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void unknownCollection_failsNamingIt() {
        try (TaxiiClient c = client(10)) {
            assertThatThrownBy(() -> c.pull("nope", PullState.START, o -> { }))
                    .isInstanceOf(TaxiiException.class).hasMessageContaining("no collection 'nope'");
        }
    }

    @Test
    void notATaxiiResource_failsAtConnect() {
        server.intercept = x -> {
            FakeTaxiiServer.send(x, 200, FakeTaxiiServer.TAXII, "{\"hello\":1}");
            return true;
        };
        assertThatThrownBy(() -> client(10)).isInstanceOf(TaxiiException.class)
                .hasMessageContaining("neither a TAXII discovery resource");
    }

    @Test
    void pullState_roundTripsThroughJson() {
        PullState s = new PullState(T, java.util.Set.of("identity--a|2024-01-01T00:00:00.000Z"), "cur sor", T.minusSeconds(5));
        assertThat(PullState.parse(s.toJson())).isEqualTo(s);
        assertThat(PullState.parse(PullState.START.toJson())).isEqualTo(PullState.START);
    }
}
