package org.threatledger.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.threatledger.stix.Ids;
import org.threatledger.stix.StixObject;
import org.threatledger.stix.Tlp;
import org.threatledger.taxii.CollectionDefinition;

/**
 * {@code actor-country:CN} collections over real HTTP: "indicators attributed to CN actors, GREEN or
 * lower" holds the indicators that indicate a CN actor, its campaigns or its malware, through a
 * {@code duplicate-of} record too, and nothing of other actors; an attribution a partner may not
 * receive does not put an indicator into its collection (the membership would tell).
 * The country is recorded as the MISP galaxy importer records it: {@code originates-from} a
 * location whose {@code country} is the ISO code.
 */
class ActorCountryCollectionTest {
    private static final String OBJECTS = "/taxii2/intel/collections/cn-green/objects/?limit=1000";
    private static final List<StixObject> KB = new ArrayList<>();
    private static final String CHINA = add("location", "country-CN", Tlp.CLEAR, "\"name\":\"China\",\"country\":\"CN\"");
    private static final String RUSSIA = add("location", "country-RU", Tlp.CLEAR, "\"name\":\"Russia\",\"country\":\"RU\"");
    private static final String PANDA = add("intrusion-set", "panda", Tlp.GREEN, "\"name\":\"Test Panda\"");
    private static final String PANDA_NOTES = add("intrusion-set", "panda-notes", Tlp.GREEN, "\"name\":\"Our notes on the panda\"");
    private static final String BEAR = add("intrusion-set", "bear", Tlp.GREEN, "\"name\":\"Test Bear\"");
    private static final String CAMPAIGN = add("campaign", "cloud", Tlp.GREEN, "\"name\":\"Operation Cloud\"");
    private static final String MALWARE = add("malware", "plug", Tlp.GREEN, "\"name\":\"PlugY\",\"is_family\":true");
    private static final String BEAR_MALWARE = add("malware", "agent", Tlp.GREEN, "\"name\":\"Agent Y\",\"is_family\":true");
    private static final String TECHNIQUE = add("attack-pattern", "phish", Tlp.GREEN, "\"name\":\"Phishing\"");
    private static final String OF_PANDA = indicator("of-panda", Tlp.GREEN);
    private static final String OF_NOTES = indicator("of-notes", Tlp.GREEN);
    private static final String OF_CAMPAIGN = indicator("of-campaign", Tlp.GREEN);
    private static final String OF_MALWARE = indicator("of-malware", Tlp.GREEN);
    private static final String AMBER_OF_PANDA = indicator("amber-of-panda", Tlp.AMBER);
    private static final String OF_BEAR = indicator("of-bear", Tlp.GREEN);
    private static final String OF_BEAR_MALWARE = indicator("of-bear-malware", Tlp.GREEN);
    private static final String OF_TECHNIQUE = indicator("of-technique", Tlp.GREEN);
    private static final String SECRETLY_PANDA = indicator("secretly-panda", Tlp.GREEN);

    static {
        rel("originates-from", PANDA, CHINA, Tlp.GREEN);
        rel("originates-from", BEAR, RUSSIA, Tlp.GREEN);
        rel("duplicate-of", PANDA_NOTES, PANDA, Tlp.GREEN);
        rel("attributed-to", CAMPAIGN, PANDA, Tlp.GREEN);
        rel("uses", CAMPAIGN, MALWARE, Tlp.GREEN);
        rel("uses", PANDA, TECHNIQUE, Tlp.GREEN);
        rel("uses", BEAR, BEAR_MALWARE, Tlp.GREEN);
        rel("indicates", OF_PANDA, PANDA, Tlp.GREEN);
        rel("indicates", OF_NOTES, PANDA_NOTES, Tlp.GREEN);
        rel("indicates", OF_CAMPAIGN, CAMPAIGN, Tlp.GREEN);
        rel("indicates", OF_MALWARE, MALWARE, Tlp.GREEN);
        rel("indicates", AMBER_OF_PANDA, PANDA, Tlp.GREEN);
        rel("indicates", OF_BEAR, BEAR, Tlp.GREEN);
        rel("indicates", OF_BEAR_MALWARE, BEAR_MALWARE, Tlp.GREEN);
        rel("indicates", OF_TECHNIQUE, TECHNIQUE, Tlp.GREEN);
        rel("indicates", SECRETLY_PANDA, PANDA, Tlp.AMBER);
    }

    @TempDir
    static Path home;
    static Fixture f;

    @BeforeAll
    static void start() {
        f = new Fixture(home, List.of(
                new CollectionDefinition("cn-green", "intel", "Indicators of CN actors", null,
                        "type = indicator AND actor-country:CN AND tlp <= green"),
                new CollectionDefinition("cn", "intel", "CN actors", null, "actor-country:cn"),
                new CollectionDefinition("cn-and-ru", "intel", "Both", null, "actor-country:CN AND actor-country = RU")),
                List.of(Fixture.partner("green", Tlp.GREEN, List.of("cn-green", "cn", "cn-and-ru"), List.of()),
                        Fixture.partner("amber", Tlp.AMBER, List.of("cn-green", "cn"), List.of())), 100, 1 << 20);
        f.store.put(KB, Fixture.TEST);
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    @Test
    void indicatorsOfCnActors_greenOrLower_throughCampaignMalwareAndDuplicates_notOtherActors() {
        SpecClient.Answer a = f.client("green").get(OBJECTS);

        assertThat(ids(a)).containsExactlyInAnyOrder(OF_PANDA, OF_NOTES, OF_CAMPAIGN, OF_MALWARE);
        assertThat(a.body()).doesNotContain(OF_BEAR, OF_BEAR_MALWARE, OF_TECHNIQUE, SECRETLY_PANDA, AMBER_OF_PANDA);
    }

    @Test
    void attributionOnlyKnownAtAmber_addsTheIndicatorForAnAmberPartnerOnly() {
        assertThat(ids(f.client("amber").get(OBJECTS))).contains(SECRETLY_PANDA).doesNotContain(AMBER_OF_PANDA);
        assertThat(f.client("green").get("/taxii2/intel/collections/cn-green/objects/" + SECRETLY_PANDA + "/").status())
                .isEqualTo(404);
        assertThat(f.client("amber").get("/taxii2/intel/collections/cn-green/objects/" + SECRETLY_PANDA + "/").status())
                .isEqualTo(200);
    }

    @Test
    void everyTypeCollection_holdsTheActorsRecordsSoftwareAndTheRelationshipsThatSaySo() {
        Set<String> ids = ids(f.client("green").get("/taxii2/intel/collections/cn/objects/?limit=1000"));

        assertThat(ids).contains(PANDA, PANDA_NOTES, CAMPAIGN, MALWARE, OF_PANDA,
                Ids.derived("relationship", "attributed-to", CAMPAIGN, PANDA),
                Ids.derived("relationship", "indicates", OF_MALWARE, MALWARE));
        assertThat(ids).doesNotContain(BEAR, BEAR_MALWARE, TECHNIQUE, OF_TECHNIQUE, CHINA, SECRETLY_PANDA,
                Ids.derived("relationship", "indicates", SECRETLY_PANDA, PANDA));
        assertThat(f.client("green").get("/taxii2/intel/collections/cn/manifest/?limit=1000").body())
                .contains(PANDA).doesNotContain(BEAR);
    }

    @Test
    void twoCountryTerms_meanAttributedToBoth() {
        assertThat(f.client("green").get("/taxii2/intel/collections/cn-and-ru/objects/").json().path("objects")).isEmpty();
    }

    @Test
    void newAttribution_isSeenByTheNextRequest() {
        try (Fixture g = new Fixture(home.resolve("late"), List.of(new CollectionDefinition("cn-green", "intel", "CN",
                null, "type = indicator AND actor-country:CN AND tlp <= green")),
                List.of(Fixture.partner("green", Tlp.GREEN, List.of("cn-green"), List.of())), 100, 1 << 20)) {
            g.store.put(KB, Fixture.TEST);
            assertThat(ids(g.client("green").get(OBJECTS))).hasSize(4);
            StixObject late = Fixture.indicator("late", Tlp.GREEN);
            StixObject indicates = StixObject.parse("{\"type\":\"relationship\",\"spec_version\":\"2.1\",\"id\":\""
                    + Ids.derived("relationship", "late") + "\",\"created\":\"2024-01-01T00:00:00.000Z\","
                    + "\"modified\":\"2024-01-01T00:00:00.000Z\",\"relationship_type\":\"indicates\",\"source_ref\":\""
                    + late.id() + "\",\"target_ref\":\"" + PANDA + "\",\"object_marking_refs\":[\"" + Tlp.GREEN.markingId() + "\"]}");

            g.store.put(List.of(late, indicates), Fixture.TEST);

            assertThat(ids(g.client("green").get(OBJECTS))).hasSize(5).contains(late.id());
        }
    }

    private static Set<String> ids(SpecClient.Answer a) {
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        Set<String> out = new HashSet<>();
        a.json().path("objects").forEach(o -> out.add(o.get("id").asText()));
        return out;
    }

    private static String indicator(String key, Tlp tlp) {
        return add("indicator", key, tlp, "\"pattern_type\":\"stix\",\"pattern\":\"[domain-name:value = '" + key
                + ".country.example']\",\"valid_from\":\"2024-01-01T00:00:00Z\"");
    }

    private static void rel(String type, String source, String target, Tlp tlp) {
        KB.add(StixObject.parse("{\"type\":\"relationship\",\"spec_version\":\"2.1\",\"id\":\""
                + Ids.derived("relationship", type, source, target) + "\",\"created\":\"2024-01-01T00:00:00.000Z\","
                + "\"modified\":\"2024-01-01T00:00:00.000Z\",\"relationship_type\":\"" + type + "\",\"source_ref\":\""
                + source + "\",\"target_ref\":\"" + target + "\",\"object_marking_refs\":[\"" + tlp.markingId() + "\"]}"));
    }

    private static String add(String type, String key, Tlp tlp, String properties) {
        String id = Ids.derived(type, "country-test", key);
        KB.add(StixObject.parse("{\"type\":\"" + type + "\",\"spec_version\":\"2.1\",\"id\":\"" + id + "\","
                + "\"created\":\"2024-01-01T00:00:00.000Z\",\"modified\":\"2024-01-01T00:00:00.000Z\"," + properties
                + ",\"object_marking_refs\":[\"" + tlp.markingId() + "\"]}"));
        return id;
    }
}
