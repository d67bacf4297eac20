package org.threatledger.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Observation expressions over a stream of records (STIX 2.1 §9.3), with the spec's §9.9 examples. */
class StreamMatchTest {

    /** Offers the records in order; returns the matches, null where a record completed none. */
    private static List<Match> run(String pattern, Observed... records) {
        PatternMatcher matcher = CompiledPattern.parse(pattern).newMatcher();
        List<Match> matches = new ArrayList<>();
        for (Observed record : records) {
            matches.add(matcher.offer(record).orElse(null));
        }
        return matches;
    }

    private static MapObserved domain(long seconds, String value) {
        return MapObserved.at(seconds).with("domain-name:value", value);
    }

    private static MapObserved ip(long seconds, String value) {
        return MapObserved.at(seconds).with("ipv4-addr:value", value);
    }

    private static final String A = "[domain-name:value = 'a.example']";
    private static final String B = "[ipv4-addr:value = '198.51.100.1']";

    @Test
    void and_needsBothSides_inEitherOrder_fromDistinctRecords() {
        MapObserved a = domain(10, "a.example");
        MapObserved b = ip(20, "198.51.100.1");
        assertThat(run(A + " AND " + B, a, b)).containsExactly(null, Match.of("s1", List.of(a, b)));
        assertThat(run(A + " AND " + B, b, a).get(1)).isNotNull();
        assertThat(run(A + " AND " + A, a).getFirst()).isNull();
        assertThat(run(A + " AND " + A, a, domain(11, "a.example")).get(1)).isNotNull();
    }

    @Test
    void and_oneRecordSatisfyingBothSides_isNotEnough() {
        MapObserved both = MapObserved.at(5).with("domain-name:value", "a.example").with("ipv4-addr:value", "198.51.100.1");
        assertThat(run(A + " AND " + B, both)).containsOnlyNulls();
        assertThat(run(A + " AND " + B, both, ip(6, "198.51.100.1")).get(1).records()).hasSize(2);
    }

    @Test
    void or_eitherSideAlone() {
        assertThat(run(A + " OR " + B, ip(1, "198.51.100.1")).getFirst()).isNotNull();
        assertThat(CompiledPattern.parse(A + " OR " + B).isSingleObservation()).isTrue();
    }

    @Test
    void followedBy_needsTheLeftNoLaterThanTheRight() {
        String pattern = A + " FOLLOWEDBY " + B;
        assertThat(run(pattern, domain(10, "a.example"), ip(20, "198.51.100.1")).get(1)).isNotNull();
        assertThat(run(pattern, ip(10, "198.51.100.1"), domain(20, "a.example"))).containsOnlyNulls();
        assertThat(run(pattern, domain(10, "a.example"), ip(10, "198.51.100.1")).get(1)).isNotNull(); // same time counts
    }

    @Test
    void followedBy_lateRecord_isPlacedByItsTime() {
        String pattern = A + " FOLLOWEDBY " + B;
        List<Match> matches = run(pattern, ip(20, "198.51.100.1"), domain(10, "a.example"));
        assertThat(matches.get(1)).isNotNull();
        assertThat(matches.get(1).firstMicros()).isEqualTo(10_000_000L);
        assertThat(matches.get(1).lastMicros()).isEqualTo(20_000_000L);
    }

    @Test
    void followedBy_chainOfThree_inOrder() {
        String pattern = A + " FOLLOWEDBY " + B + " FOLLOWEDBY [domain-name:value = 'c.example']";
        assertThat(run(pattern, domain(1, "a.example"), domain(2, "c.example"), ip(3, "198.51.100.1")))
                .containsOnlyNulls();
        assertThat(run(pattern, domain(1, "a.example"), ip(2, "198.51.100.1"), domain(3, "c.example")).get(2))
                .isNotNull();
    }

    @Test
    void within_allRecordsOfTheMatchInsideTheWindow_inclusive() {
        String pattern = "(" + A + " FOLLOWEDBY " + B + ") WITHIN 300 SECONDS";
        assertThat(run(pattern, domain(0, "a.example"), ip(300, "198.51.100.1")).get(1)).isNotNull();
        assertThat(run(pattern, domain(0, "a.example"), ip(301, "198.51.100.1")).get(1)).isNull();
        assertThat(run(pattern, domain(0, "a.example"), domain(200, "a.example"), ip(301, "198.51.100.1")).get(2))
                .isNotNull(); // the second a.example is recent enough
    }

    @Test
    void within_fractionalSeconds() {
        String pattern = "(" + A + " AND " + B + ") WITHIN 0.5 SECONDS";
        MapObserved a = MapObserved.at(Instant.parse("2020-01-01T00:00:00Z")).with("domain-name:value", "a.example");
        MapObserved near = MapObserved.at(Instant.parse("2020-01-01T00:00:00.5Z")).with("ipv4-addr:value", "198.51.100.1");
        MapObserved far = MapObserved.at(Instant.parse("2020-01-01T00:00:00.500001Z")).with("ipv4-addr:value", "198.51.100.1");
        assertThat(run(pattern, a, near).get(1)).isNotNull();
        assertThat(run(pattern, a, far).get(1)).isNull();
    }

    @Test
    void repeats_countsDistinctRecords_withinTheWindow() {
        String pattern = "[network-traffic:dst_ref.type = 'domain-name' AND network-traffic:dst_ref.value = 'example.com']"
                + " REPEATS 5 TIMES WITHIN 1800 SECONDS";
        MapObserved[] records = new MapObserved[7];
        for (int i = 0; i < records.length; i++) {
            records[i] = MapObserved.at(i * 600L).with("network-traffic:dst_ref.type", "domain-name")
                    .with("network-traffic:dst_ref.value", "example.com");
        }
        // every 600 s: at most 4 fall within any 1800 s window
        assertThat(run(pattern, records)).containsOnlyNulls();
        MapObserved[] dense = new MapObserved[6];
        for (int i = 0; i < dense.length; i++) {
            dense[i] = records[0].sensor("s1");
        }
        List<Match> matches = run(pattern, dense);
        assertThat(matches.subList(0, 4)).containsOnlyNulls();
        assertThat(matches.get(4).records()).hasSize(5).doesNotHaveDuplicates();
        assertThat(matches.get(5)).isNotNull(); // the sixth completes another set of five
    }

    @Test
    void repeats_ofAnAnd_needsDisjointPairs() {
        String pattern = "(" + A + " AND " + B + ") REPEATS 2 TIMES";
        assertThat(run(pattern, domain(1, "a.example"), ip(2, "198.51.100.1"), ip(3, "198.51.100.1")))
                .containsOnlyNulls();
        assertThat(run(pattern, domain(1, "a.example"), ip(2, "198.51.100.1"), ip(3, "198.51.100.1"),
                domain(4, "a.example")).get(3).records()).hasSize(4);
    }

    @Test
    void startStop_startInclusive_stopExclusive() {
        String pattern = "[file:hashes.MD5 = 'cead3f77f6cda6ec00f57d76c9a6879f'] START t'2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00Z'";
        CompiledPattern compiled = CompiledPattern.parse(pattern);
        assertThat(compiled.matches(md5(Instant.parse("2016-06-01T00:00:00Z")))).isTrue();
        assertThat(compiled.matches(md5(Instant.parse("2016-06-30T23:59:59.999999Z")))).isTrue();
        assertThat(compiled.matches(md5(Instant.parse("2016-07-01T00:00:00Z")))).isFalse();
        assertThat(compiled.matches(md5(Instant.parse("2016-05-31T23:59:59Z")))).isFalse();
    }

    private static MapObserved md5(Instant at) {
        return MapObserved.at(at).with("file:hashes.MD5", "cead3f77f6cda6ec00f57d76c9a6879f");
    }

    @Test
    void startStop_onOneSideOfAnOr_appliesToThatSideOnly() {
        String pattern = "[network-traffic:src_port = 37020 AND user-account:user_id = 'root']"
                + " START t'2016-06-01T01:30:00.123Z' STOP t'2016-06-01T02:20:00.123Z'"
                + " OR [ipv4-addr:value = '192.168.122.83'] START t'2016-06-01T03:55:00.123Z' STOP t'2016-06-01T04:30:24.743Z'";
        CompiledPattern compiled = CompiledPattern.parse(pattern);
        MapObserved ip = MapObserved.at(Instant.parse("2016-06-01T04:00:00Z")).with("ipv4-addr:value", "192.168.122.83");
        MapObserved early = MapObserved.at(Instant.parse("2016-06-01T02:00:00Z")).with("ipv4-addr:value", "192.168.122.83");
        assertThat(compiled.matches(ip)).isTrue();
        assertThat(compiled.matches(early)).isFalse();
    }

    @Test
    void sensors_neverCombine() {
        String pattern = A + " AND " + B;
        assertThat(run(pattern, domain(1, "a.example").sensor("north"), ip(2, "198.51.100.1").sensor("south")))
                .containsOnlyNulls();
        List<Match> matches = run(pattern, domain(1, "a.example").sensor("north"), ip(2, "198.51.100.1").sensor("south"),
                ip(3, "198.51.100.1").sensor("north"));
        assertThat(matches.get(2).sensor()).isEqualTo("north");
        assertThat(matches.get(2).records()).allMatch(r -> r.sensor().equals("north"));
    }

    @Test
    void window_expiresOldRecords_asTimeAdvances() {
        PatternMatcher matcher = CompiledPattern.parse("(" + A + " FOLLOWEDBY " + B + ") WITHIN 60 SECONDS").newMatcher();
        for (int i = 0; i < 100; i++) {
            matcher.offer(domain(i, "a.example"));
        }
        assertThat(matcher.bufferedRecords()).isEqualTo(61); // seconds 39..99 are within 60 s of 99
        matcher.offer(domain(1_000, "a.example"));
        assertThat(matcher.bufferedRecords()).isEqualTo(1);
        assertThat(matcher.offer(ip(1_030, "198.51.100.1"))).isPresent();
        assertThat(matcher.offer(ip(1_070, "198.51.100.1"))).isEmpty();
    }

    @Test
    void withoutWindow_eachLeafKeepsAtMostTheCap() {
        PatternMatcher matcher = CompiledPattern.parse(A + " FOLLOWEDBY " + B).newMatcher();
        for (int i = 0; i < 3 * PatternMatcher.LEAF_CAP; i++) {
            matcher.offer(domain(i, "a.example"));
        }
        assertThat(matcher.bufferedRecords()).isEqualTo(PatternMatcher.LEAF_CAP);
        assertThat(matcher.offer(ip(1_000_000, "198.51.100.1"))).isPresent();
    }

    @Test
    void nestedWindow_underAnAnd_keepsRecordsForTheOuterMatch() {
        // the pair (a, b) within 10 s happened long before c; the match is still complete when c arrives
        String pattern = "(" + A + " FOLLOWEDBY " + B + ") WITHIN 10 SECONDS AND [domain-name:value = 'c.example']";
        assertThat(run(pattern, domain(0, "a.example"), ip(5, "198.51.100.1"), domain(3_600, "c.example")).get(2))
                .isNotNull();
    }

    @Test
    void streamAnchors_coverEveryPart_whereAnchorsPickTheMostSelectiveOne() {
        CompiledPattern pattern = CompiledPattern.parse(A + " FOLLOWEDBY " + B + " WITHIN 60 SECONDS");
        ObjectPath domain = ObjectPath.of("domain-name", "value");
        ObjectPath ip = ObjectPath.of("ipv4-addr", "value");
        assertThat(Anchors.of(pattern.pattern()))
                .containsExactly(new Anchor.Equality(domain, new Literal.StringLiteral("a.example")));
        assertThat(pattern.streamAnchors()).containsExactly(
                new Anchor.Equality(domain, new Literal.StringLiteral("a.example")),
                new Anchor.Equality(ip, new Literal.StringLiteral("198.51.100.1")));
        assertThat(CompiledPattern.parse(A + " AND [domain-name:value LIKE '%.example']").streamAnchors())
                .containsExactly(new Anchor.TypeOnly("domain-name"));
    }

    @Test
    void recordsMatchingNoLeaf_changeNothing() {
        PatternMatcher matcher = CompiledPattern.parse(A + " AND " + B).newMatcher();
        assertThat(matcher.offer(domain(1, "other.example"))).isEmpty();
        assertThat(matcher.bufferedRecords()).isZero();
    }

    @Test
    void specExample_hashFollowedByRegistryKey_within300Seconds() {
        String pattern = "([file:hashes.MD5 = '79054025255fb1a26e4bc422aef54eb4'] FOLLOWEDBY "
                + "[windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\\\foo\\\\bar']) WITHIN 300 SECONDS";
        MapObserved file = MapObserved.at(100).with("file:hashes.MD5", "79054025255fb1a26e4bc422aef54eb4");
        MapObserved key = MapObserved.at(250).with("windows-registry-key:key", "HKEY_LOCAL_MACHINE\\foo\\bar");
        MapObserved lateKey = MapObserved.at(401).with("windows-registry-key:key", "HKEY_LOCAL_MACHINE\\foo\\bar");
        assertThat(run(pattern, file, key).get(1)).isNotNull();
        assertThat(run(pattern, file, lateKey).get(1)).isNull();
    }

    @Test
    void specExample_orOfHashes_andAnotherHash() {
        String pattern = "[file:hashes.'SHA-256' = 'bf07a7fbb825fc0aae7bf4a1177b2b31fcf8a3feeaf7092761e18c859ee52a9c' OR "
                + "file:hashes.MD5 = 'cead3f77f6cda6ec00f57d76c9a6879f'] AND "
                + "[file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f']";
        MapObserved md5 = MapObserved.at(1).with("file:hashes.MD5", "cead3f77f6cda6ec00f57d76c9a6879f");
        MapObserved sha = MapObserved.at(2).with("file:hashes.'SHA-256'",
                "aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f");
        assertThat(run(pattern, md5, sha).get(1).records()).containsExactly(md5, sha);
        assertThat(run(pattern, sha, sha.sensor("s1"))).containsOnlyNulls();
    }

    @Test
    void specExample_threeUsers_needThreeRecords() {
        String pattern = "[user-account:account_type = 'unix' AND user-account:user_id = '1007' AND user-account:account_login = 'Peter']"
                + " AND [user-account:account_type = 'unix' AND user-account:user_id = '1008' AND user-account:account_login = 'Paul']"
                + " AND [user-account:account_type = 'unix' AND user-account:user_id = '1009' AND user-account:account_login = 'Mary']";
        List<Match> matches = run(pattern, user(1, "1007", "Peter"), user(2, "1009", "Mary"), user(3, "1008", "Pablo"),
                user(4, "1008", "Paul"));
        assertThat(matches.subList(0, 3)).containsOnlyNulls();
        assertThat(matches.get(3).records()).hasSize(3);
    }

    private static MapObserved user(long seconds, String id, String login) {
        return MapObserved.at(seconds).with("user-account:account_type", "unix").with("user-account:user_id", id)
                .with("user-account:account_login", login);
    }

    @Test
    void specExample_andOfObservations_orAProcess() {
        String pattern = "([file:name = 'foo.dll'] AND [windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\\\foo\\\\bar'])"
                + " OR [process:name = 'fooproc' OR process:name = 'procfoo']";
        assertThat(run(pattern, MapObserved.at(1).with("process:name", "procfoo")).getFirst()).isNotNull();
        assertThat(run(pattern, MapObserved.at(1).with("file:name", "foo.dll"),
                MapObserved.at(2).with("windows-registry-key:key", "HKEY_LOCAL_MACHINE\\foo\\bar")).get(1)).isNotNull();
    }

    @Test
    void singleObservationPattern_keepsNoState() {
        PatternMatcher matcher = CompiledPattern.parse(A).newMatcher();
        MapObserved record = domain(7, "a.example");
        Optional<Match> match = matcher.offer(record);
        assertThat(match).contains(new Match("s1", List.of(record), 7_000_000L, 7_000_000L));
        assertThat(matcher.bufferedRecords()).isZero();
    }

    @Test
    void pathologicalRepeats_isBoundedBySearchBudget_notHung() {
        // 1000 candidates, REPEATS 50 within a window they can never satisfy together with the newest
        PatternMatcher matcher = CompiledPattern.parse("(" + A + " REPEATS 50 TIMES AND " + B + ") WITHIN 100000 SECONDS")
                .newMatcher();
        for (int i = 0; i < 1_000; i++) {
            matcher.offer(domain(i, "a.example"));
        }
        assertThat(matcher.offer(ip(2_000, "198.51.100.1"))).isPresent();
        assertThat(matcher.abandonedSearches()).isZero();
    }
}
