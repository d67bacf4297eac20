package org.threatledger.taxii.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.threatledger.stix.StixObject;

class TaxiiPushTest {
    FakeTaxiiServer server;

    @BeforeEach
    void start() throws Exception {
        server = new FakeTaxiiServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static List<StixObject> objects(int n) {
        List<StixObject> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(FakeTaxiiServer.identity(i));
        }
        return out;
    }

    @Test
    void push_envelopesFitMaxContentLength_statusPolledUntilComplete() {
        server.maxContentLength = 2048;
        server.refuseId = FakeTaxiiServer.identity(7).id();
        List<StixObject> sent = objects(30);
        PushResult r;
        try (TaxiiClient c = TaxiiClient.connect(server.discovery(), Credentials.none(), ClientOptions.defaults().withSleeper(d -> { }))) {
            r = c.push("c1", sent);
        }
        assertThat(r.total()).isEqualTo(30);
        assertThat(r.requests()).isGreaterThan(1).isEqualTo(server.posted.size());
        assertThat(server.posted.stream().flatMap(List::stream).toList()).containsExactlyElementsOf(TaxiiPullTest.ids(sent));
        assertThat(r.successes()).hasSize(29);
        assertThat(r.failures()).singleElement().satisfies(f -> {
            assertThat(f.id()).isEqualTo(server.refuseId);
            assertThat(f.message()).isEqualTo("refused by policy");
        });
        assertThat(r.pending()).isEmpty();
        assertThat(server.requests).filteredOn(u -> u.getPath().startsWith("/api1/status/")).hasSize(r.requests());
    }

    @Test
    void push_objectLargerThanMaxContentLength_isAFailureNotSent() {
        server.maxContentLength = 1024;
        StixObject big = FakeTaxiiServer.identity(1).with("description",
                com.fasterxml.jackson.databind.node.TextNode.valueOf("x".repeat(2000)));
        PushResult r;
        try (TaxiiClient c = TaxiiClient.connect(server.discovery(), Credentials.none(), ClientOptions.defaults().withSleeper(d -> { }))) {
            r = c.push("c1", List.of(big, FakeTaxiiServer.identity(2)));
        }
        assertThat(r.failures()).singleElement().satisfies(f -> assertThat(f.message()).contains("max_content_length of 1024"));
        assertThat(r.successes()).extracting(PushResult.Outcome::id).containsExactly(FakeTaxiiServer.identity(2).id());
        assertThat(server.posted).containsExactly(List.of(FakeTaxiiServer.identity(2).id()));
    }
}
