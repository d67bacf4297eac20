package org.threatledger.taxii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.threatledger.stix.Tlp;

class CollectionQueryTest {
    @Test
    void typesAndTlp_parse() {
        CollectionQuery q = CollectionQuery.parse("type IN (indicator, Malware) AND tlp <= green");

        assertThat(q.types()).isEqualTo(Set.of("indicator", "malware"));
        assertThat(q.maxTlp()).isEqualTo(Tlp.GREEN);
    }

    @Test
    void actorCountry_parsesInEitherSpelling_asAnUpperCaseIsoCode() {
        CollectionQuery q = CollectionQuery.parse("type = indicator AND actor-country:cn AND ACTOR-COUNTRY = RU");

        assertThat(q.actorCountries()).containsExactlyInAnyOrder("CN", "RU");
        assertThat(q.types()).containsExactly("indicator");
        assertThat(CollectionQuery.ALL.actorCountries()).isEmpty();
    }

    @Test
    void actorCountry_thatIsNoIsoCode_isRejectedByName() {
        assertThatThrownBy(() -> CollectionQuery.parse("actor-country:China")).hasMessageContaining("'China'")
                .hasMessageContaining("ISO 3166-1");
    }

    @Test
    void emptyOrAll_isEverything() {
        assertThat(CollectionQuery.parse("all")).isEqualTo(CollectionQuery.ALL);
        assertThat(CollectionQuery.parse(" ")).isEqualTo(CollectionQuery.ALL);
    }

    @Test
    void unknownTerm_isRejectedByName() {
        assertThatThrownBy(() -> CollectionQuery.parse("type = indicator AND colour = blue"))
                .hasMessageContaining("'colour = blue'");
        assertThatThrownBy(() -> CollectionQuery.parse("tlp <= purple")).hasMessageContaining("'purple'");
    }
}
