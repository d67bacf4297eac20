package org.threatledger.stix;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class TlpReferencesTest {
    private static final String CREATOR = Ids.derived("identity", "refs", "creator");
    private static final String VICTIM = Ids.derived("identity", "refs", "victim");
    private static final String PARTNER_SITE = Ids.derived("identity", "refs", "partner-site");
    private static final String INDICATOR = Ids.derived("indicator", "refs", "i");
    private static final String ACTOR = Ids.derived("intrusion-set", "refs", "a");
    private static final String HIDDEN_DATA = Ids.derived("observed-data", "refs", "o");
    /** What the receiver may not have. */
    private static final Predicate<String> RECEIVABLE = id -> !Set.of(CREATOR, VICTIM, ACTOR, HIDDEN_DATA).contains(id);

    private static StixObject indicator(String createdBy) {
        return StixObject.parse("{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"" + INDICATOR + "\","
                + "\"created\":\"2024-01-01T00:00:00.000Z\",\"modified\":\"2024-01-01T00:00:00.000Z\","
                + (createdBy == null ? "" : "\"created_by_ref\":\"" + createdBy + "\",")
                + "\"pattern_type\":\"stix\",\"pattern\":\"[domain-name:value = 'x.example']\",\"valid_from\":\"2024-01-01T00:00:00Z\","
                + "\"object_marking_refs\":[\"" + Tlp.GREEN.markingId() + "\"]}");
    }

    private static StixObject sighting(String where, String extra) {
        return StixObject.parse("{\"type\":\"sighting\",\"spec_version\":\"2.1\",\"id\":\"" + Ids.derived("sighting", where, extra)
                + "\",\"created\":\"2024-01-01T00:00:00.000Z\",\"modified\":\"2024-01-01T00:00:00.000Z\","
                + "\"sighting_of_ref\":\"" + INDICATOR + "\",\"where_sighted_refs\":[" + where + "]" + extra + "}");
    }

    @Test
    void createdByAnIdentityTheReceiverMayNotHave_objectStays_withoutTheReference() {
        StixObject shared = TlpReferences.share(indicator(CREATOR), RECEIVABLE).orElseThrow();

        assertThat(shared.has("created_by_ref")).isFalse();
        assertThat(shared.id()).isEqualTo(INDICATOR);
        assertThat(new Validator().validate(shared).errors()).isEmpty();
    }

    @Test
    void createdByAReceivableIdentity_isUnchanged() {
        StixObject o = indicator(PARTNER_SITE);

        assertThat(TlpReferences.share(o, RECEIVABLE)).contains(o);
    }

    @Test
    void relationshipToAnObjectTheReceiverMayNotHave_isWithheld() {
        StixObject rel = StixObject.parse("{\"type\":\"relationship\",\"spec_version\":\"2.1\",\"id\":\""
                + Ids.derived("relationship", "refs") + "\",\"created\":\"2024-01-01T00:00:00.000Z\","
                + "\"modified\":\"2024-01-01T00:00:00.000Z\",\"relationship_type\":\"indicates\",\"source_ref\":\""
                + INDICATOR + "\",\"target_ref\":\"" + ACTOR + "\",\"object_marking_refs\":[\"" + Tlp.RED.markingId() + "\"]}");

        assertThat(TlpReferences.share(rel, RECEIVABLE)).isEmpty();
        assertThat(TlpReferences.share(rel, id -> true)).contains(rel);
    }

    @Test
    void sighting_hiddenWhereSightedEntriesBecomeOneAnonymousIdentity_visibleOnesStay() {
        StixObject s = sighting("\"" + VICTIM + "\",\"" + PARTNER_SITE + "\"", "");

        StixObject shared = TlpReferences.share(s, RECEIVABLE).orElseThrow();

        assertThat(shared.strings("where_sighted_refs")).containsExactly(TlpReferences.ANONYMOUS_IDENTITY, PARTNER_SITE);
        assertThat(shared.toJson()).doesNotContain(VICTIM);
        assertThat(new Validator().validate(shared).errors()).isEmpty();
    }

    @Test
    void sightingWithObservedDataTheReceiverMayNotHave_isWithheld() {
        StixObject s = sighting("\"" + PARTNER_SITE + "\"", ",\"observed_data_refs\":[\"" + HIDDEN_DATA + "\"]");

        assertThat(TlpReferences.share(s, RECEIVABLE)).isEmpty();
    }
}
