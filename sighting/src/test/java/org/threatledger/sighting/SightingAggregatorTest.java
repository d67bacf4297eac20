package org.threatledger.sighting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.threatledger.history.Seen;
import org.threatledger.match.Hit;
import org.threatledger.match.Observation;
import org.threatledger.match.ObservationType;
import org.threatledger.match.Where;
import org.threatledger.stix.Ids;
import org.threatledger.stix.StixObject;
import org.threatledger.stix.Timestamps;
import org.threatledger.stix.ValidationReport;
import org.threatledger.stix.Validator;

class SightingAggregatorTest {
    private static final long HOUR = 3_600_000_000L;
    private static final long T0 = micros("2025-03-01T10:00:00Z");
    private static final String IND_A = "indicator--2f4b0b8a-4c1e-4f57-9d1b-1a2b3c4d5e6f";
    private static final String IND_B = "indicator--9a8b7c6d-5e4f-4a3b-8c2d-1e0f2a3b4c5d";
    private static final String ACTOR = "intrusion-set--0c7e22ad-b099-4dc3-b0df-2ea3f49ae2e6";
    private static final String[] IDS = {IND_A, IND_B};

    private final Validator validator = new Validator();

    @Test
    void floodOfAMillionHitsOnOneIndicatorInOneWindow_isOneSightingWithExactCountAndTimes() {
        SightingAggregator agg = new SightingAggregator(SightingAggregator.Options.defaults());
        Random random = new Random(1);
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < 1_000_000; i++) {
            long t = T0 + 1 + random.nextLong(HOUR - 2);
            min = Math.min(min, t);
            max = Math.max(max, t);
            agg.record(hit(ObservationType.DOMAIN, "c2.evil.com", t, "dmz", i + 1, 0), i2 -> IDS[i2]);
        }
        assertThat(agg.openGroups()).isEqualTo(1);
        List<StixObject> out = drain(agg);
        List<StixObject> sightings = ofType(out, "sighting");
        assertThat(sightings).hasSize(1);
        StixObject s = sightings.get(0);
        assertThat(s.get("count").asLong()).isEqualTo(1_000_000);
        assertThat(micros(s.text("first_seen").orElseThrow())).isEqualTo(min);
        assertThat(micros(s.text("last_seen").orElseThrow())).isEqualTo(max);
        assertThat(s.strings("x_threatledger_raw_records")).hasSize(10).first().isEqualTo("dns.log:1#C1");
        assertThat(ofType(out, "observed-data")).singleElement()
                .satisfies(od -> assertThat(od.get("number_observed").asLong()).isEqualTo(1_000_000));
        assertValid(out);
    }

    @Test
    void sighting_isWrittenPerIndicatorSensorAndWindow_withRefsToSensorObservedDataAndActors() {
        SightingAggregator agg = new SightingAggregator(SightingAggregator.Options.defaults()
                .withActors(id -> id.equals(IND_A) ? List.of(ACTOR) : List.of()));
        agg.record(hit(ObservationType.DOMAIN, "c2.evil.com", T0 + 5, "dmz", 1, 0, 1), i -> IDS[i]);
        agg.record(hit(ObservationType.DOMAIN, "c2.evil.com", T0 + 7, "core", 2, 0), i -> IDS[i]);
        agg.record(hit(ObservationType.DOMAIN, "c2.evil.com", T0 + HOUR + 1, "dmz", 3, 0), i -> IDS[i]);
        List<StixObject> out = drain(agg);
        List<StixObject> sightings = ofType(out, "sighting");
        assertThat(sightings).hasSize(4);
        StixObject first = sightings.get(0);
        assertThat(first.id()).isEqualTo(Ids.derived("sighting", IND_A, "core", Long.toString(T0)));
        assertThat(first.text("sighting_of_ref")).contains(IND_A);
        assertThat(first.strings("where_sighted_refs")).containsExactly(Ids.derived("identity", "sensor", "core"));
        assertThat(first.strings("x_threatledger_actor_refs")).containsExactly(ACTOR);
        assertThat(first.text("created")).contains("2025-03-01T10:00:00.000000Z");
        assertThat(first.text("modified")).contains("2025-03-01T10:00:00.000007Z");
        String od = first.strings("observed_data_refs").get(0);
        StixObject observed = out.stream().filter(o -> o.id().equals(od)).findFirst().orElseThrow();
        String scoId = observed.strings("object_refs").get(0);
        assertThat(out).anySatisfy(o -> {
            assertThat(o.id()).isEqualTo(scoId);
            assertThat(o.text("value")).contains("c2.evil.com");
        });
        assertThat(ofType(out, "identity")).extracting(o -> o.text("name").orElseThrow()).containsExactlyInAnyOrder("dmz", "core");
        assertThat(sightings).filteredOn(s -> s.text("sighting_of_ref").orElseThrow().equals(IND_B))
                .singleElement().satisfies(s -> assertThat(s.has("x_threatledger_actor_refs")).isFalse());
        assertValid(out);
    }

    @Test
    void flushClosedWindows_emitsOnlyEndedWindows_andALateHitMakesANewerVersionWithTheTotal() {
        SightingAggregator agg = new SightingAggregator(SightingAggregator.Options.defaults());
        agg.record(hit(ObservationType.IPV4, "203.0.113.9", T0 + 100, "s", 1, 0), i -> IDS[i]);
        agg.record(hit(ObservationType.IPV4, "203.0.113.9", T0 + HOUR + 5, "s", 2, 0), i -> IDS[i]);
        List<StixObject> out = new ArrayList<>();
        agg.flushClosedWindows(T0 + HOUR, out::add);
        StixObject v1 = ofType(out, "sighting").get(0);
        assertThat(ofType(out, "sighting")).hasSize(1);
        assertThat(agg.openGroups()).isEqualTo(1);

        agg.record(hit(ObservationType.IPV4, "203.0.113.9", T0 + 50, "s", 3, 0), i -> IDS[i]);
        List<StixObject> late = new ArrayList<>();
        agg.flushClosedWindows(T0 + HOUR + 10, late::add);
        StixObject v2 = ofType(late, "sighting").get(0);
        assertThat(v2.id()).isEqualTo(v1.id());
        assertThat(v2.get("count").asLong()).isEqualTo(2);
        assertThat(v2.text("first_seen")).contains("2025-03-01T10:00:00.000050Z");
        assertThat(v2.modified().orElseThrow()).isAfter(v1.modified().orElseThrow());
        assertThat(drain(agg)).filteredOn(o -> o.type().equals("sighting")).hasSize(1);
    }

    @Test
    void sample_isBounded_butCountsStayExact() {
        SightingAggregator agg = new SightingAggregator(new SightingAggregator.Options(Duration.ofMinutes(10), 3, 2, id -> List.of()));
        for (int i = 0; i < 50; i++) {
            agg.record(hit(ObservationType.DOMAIN, "h" + i + ".evil.com", T0 + i, "s", i + 1, 0), x -> IDS[x]);
        }
        List<StixObject> out = drain(agg);
        StixObject s = ofType(out, "sighting").get(0);
        assertThat(s.get("count").asLong()).isEqualTo(50);
        assertThat(s.strings("observed_data_refs")).hasSize(3);
        assertThat(s.strings("x_threatledger_raw_records")).containsExactly("dns.log:1#C1", "dns.log:2#C2");
        assertValid(out);
    }

    @Test
    void everyObservationType_yieldsValidObjects() {
        SightingAggregator agg = new SightingAggregator(new SightingAggregator.Options(Duration.ofHours(1), 20, 20, id -> List.of()));
        Map<ObservationType, String> values = Map.ofEntries(Map.entry(ObservationType.DOMAIN, "evil.com"),
                Map.entry(ObservationType.IPV4, "198.51.100.7"), Map.entry(ObservationType.IPV6, "2001:db8::1"),
                Map.entry(ObservationType.URL, "http://evil.com/a?b=c"), Map.entry(ObservationType.EMAIL, "x@evil.com"),
                Map.entry(ObservationType.MD5, "d41d8cd98f00b204e9800998ecf8427e"),
                Map.entry(ObservationType.SHA1, "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
                Map.entry(ObservationType.SHA256, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
                Map.entry(ObservationType.X509_SERIAL, "0a1b2c"),
                Map.entry(ObservationType.X509_SHA1, "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
                Map.entry(ObservationType.X509_SHA256, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
                Map.entry(ObservationType.JA3, "e7d705a3286e19ea42f587b344ee6865"),
                Map.entry(ObservationType.JA3S, "e7d705a3286e19ea42f587b344ee6865"),
                Map.entry(ObservationType.FILE_NAME, "dropper.exe"), Map.entry(ObservationType.USER_AGENT, "Mozilla/4.0"));
        assertThat(values).hasSameSizeAs(ObservationType.values());
        int line = 1;
        for (Map.Entry<ObservationType, String> e : values.entrySet()) {
            agg.record(hit(e.getKey(), e.getValue(), T0 + line, "s", line++, 0), i -> IDS[i]);
        }
        List<StixObject> out = drain(agg);
        assertThat(ofType(out, "observed-data")).hasSize(12);
        assertValid(out);
    }

    @Test
    void scoIds_areUuid5OverTheCanonicalContributingProperties() {
        StixObject domain = Scos.of(ObservationType.DOMAIN, "example.com").orElseThrow();
        assertThat(domain.id()).isEqualTo("domain-name--" + Ids.uuid5(Scos.NAMESPACE, "{\"value\":\"example.com\"}"));
        StixObject file = Scos.of(ObservationType.SHA256, "ab".repeat(32)).orElseThrow();
        assertThat(file.id()).isEqualTo("file--" + Ids.uuid5(Scos.NAMESPACE, "{\"hashes\":{\"SHA-256\":\"" + "ab".repeat(32) + "\"}}"));
    }

    @Test
    void sameHitsInAnyOrder_giveTheSameObjects_exceptWhichRawRecordsAreSampled() {
        List<Hit> hits = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            hits.add(hit(ObservationType.DOMAIN, "d" + (i % 7) + ".evil.com", T0 + i * 100_000_000L, "s" + (i % 2), i + 1, i % 2));
        }
        List<String> first = json(hits);
        Collections.shuffle(hits, new Random(3));
        assertThat(json(hits)).containsExactlyInAnyOrderElementsOf(first);
    }

    @Test
    void countsAndTimes_agreeWithAModel_overRandomHits() {
        qt().withExamples(200).forAll(lists().of(integers().between(0, 1_000_000)).ofSizeBetween(1, 300)).checkAssert(draws -> {
            SightingAggregator agg = new SightingAggregator(new SightingAggregator.Options(Duration.ofMinutes(1), 10, 10, id -> List.of()));
            Map<String, long[]> model = new HashMap<>();
            for (int d : draws) {
                long t = T0 + d * 1_000L; // up to ~17 windows
                String sensor = "s" + (d % 3);
                int indicator = d % 2;
                agg.record(hit(ObservationType.DOMAIN, "v" + (d % 13) + ".example", t, sensor, d, indicator), i -> IDS[i]);
                long window = Math.floorDiv(t, 60_000_000L) * 60_000_000L;
                String id = Ids.derived("sighting", IDS[indicator], sensor, Long.toString(window));
                long[] m = model.computeIfAbsent(id, k -> new long[] {Long.MAX_VALUE, Long.MIN_VALUE, 0});
                m[0] = Math.min(m[0], t);
                m[1] = Math.max(m[1], t);
                m[2]++;
            }
            List<StixObject> sightings = ofType(drain(agg), "sighting");
            assertThat(sightings).hasSize(model.size());
            for (StixObject s : sightings) {
                long[] m = model.get(s.id());
                assertThat(new long[] {micros(s.text("first_seen").orElseThrow()), micros(s.text("last_seen").orElseThrow()),
                        s.get("count").asLong()}).containsExactly(m);
            }
        });
    }

    @Test
    void fromHistory_carriesTheHistoricTimesCountAndSensors_markedRetro() {
        SightingAggregator agg = new SightingAggregator(SightingAggregator.Options.defaults().withActors(id -> List.of(ACTOR)));
        Seen seen = new Seen(ObservationType.DOMAIN, "old.evil.com", T0 - 30 * 24 * HOUR, T0 - HOUR, 42, List.of("dmz", "core"), false);
        List<StixObject> out = new ArrayList<>();
        agg.fromHistory(IND_A, seen, out::add);
        StixObject s = ofType(out, "sighting").get(0);
        assertThat(s.get("x_threatledger_retro").asBoolean()).isTrue();
        assertThat(s.get("count").asLong()).isEqualTo(42);
        assertThat(micros(s.text("first_seen").orElseThrow())).isEqualTo(seen.firstSeenMicros());
        assertThat(micros(s.text("last_seen").orElseThrow())).isEqualTo(seen.lastSeenMicros());
        assertThat(s.strings("where_sighted_refs")).hasSize(2);
        assertThat(s.strings("x_threatledger_actor_refs")).containsExactly(ACTOR);
        List<StixObject> again = new ArrayList<>();
        agg.fromHistory(IND_A, seen, again::add);
        assertThat(ofType(again, "sighting").get(0).toJson()).isEqualTo(s.toJson());
        assertValid(out);
    }

    private List<String> json(List<Hit> hits) {
        SightingAggregator agg = new SightingAggregator(SightingAggregator.Options.defaults());
        hits.forEach(h -> agg.record(h, i -> IDS[i]));
        return drain(agg).stream().map(o -> o.with("x_threatledger_raw_records", null).toJson()).toList();
    }

    private void assertValid(List<StixObject> out) {
        for (StixObject o : out) {
            ValidationReport report = validator.validate(o);
            assertThat(report.isValid()).as("%s%n%s", o.toJson(), report).isTrue();
        }
        assertThat(validator.validateAll(out).isValid()).isTrue();
    }

    private static List<StixObject> drain(SightingAggregator agg) {
        List<StixObject> out = new ArrayList<>();
        agg.drain(out::add);
        return out;
    }

    private static List<StixObject> ofType(List<StixObject> objects, String type) {
        return objects.stream().filter(o -> o.type().equals(type)).toList();
    }

    private static Hit hit(ObservationType type, String value, long micros, String sensor, long line, int... indicators) {
        Observation o = new Observation(type, value, -1, micros, Where.DNS_QUERY, sensor, "dns.log", line, "C" + line, null);
        return new Hit(o, org.threatledger.match.IndicatorSet.empty(), indicators);
    }

    private static long micros(String timestamp) {
        Instant t = Timestamps.parse(timestamp);
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
    }
}
