package org.threatledger.stix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** Properties of timestamps and derived ids over generated inputs. */
class TimestampsAndIdsPropertiesTest {
    private static final long FIRST = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond();
    private static final long LAST = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();

    private static Gen<Instant> instants() {
        return longs().between(FIRST, LAST).zip(integers().between(0, 999_999_999), Instant::ofEpochSecond);
    }

    /** A lower-case STIX type name: letters and digits with single inner hyphens. */
    private static Gen<String> typeNames() {
        return strings().betweenCodePoints('a', 'z').ofLengthBetween(1, 12)
                .zip(strings().betweenCodePoints('a', 'z').ofLengthBetween(0, 8), (a, b) -> b.isEmpty() ? a + "x" : a + "-" + b);
    }

    @Test
    void format_thenParse_thenFormat_roundTrips() {
        qt().forAll(instants()).checkAssert(i -> {
            String text = Timestamps.format(i);
            assertThat(Timestamps.isValid(text)).as(text).isTrue();
            assertThat(Timestamps.format(Timestamps.parse(text))).isEqualTo(text);
            assertThat(Timestamps.parse(text)).isEqualTo(i.truncatedTo(ChronoUnit.MILLIS));
        });
    }

    @Test
    void parse_ofAnyFractionLength_formatsToTheSameMillisecond() {
        qt().forAll(instants(), integers().between(1, 9)).checkAssert((i, digits) -> {
            String nanos = String.format("%09d", i.getNano()).substring(0, digits);
            String text = i.truncatedTo(ChronoUnit.SECONDS).toString().replace("Z", "." + nanos + "Z");
            Instant parsed = Timestamps.parse(text);
            assertThat(Timestamps.format(parsed)).isEqualTo(Timestamps.format(parsed.truncatedTo(ChronoUnit.MILLIS)));
            assertThat(Timestamps.parse(Timestamps.format(parsed))).isEqualTo(parsed.truncatedTo(ChronoUnit.MILLIS));
        });
    }

    @Test
    void derivedIds_areDeterministic_validAndOfTheirType() {
        qt().forAll(typeNames(), strings().allPossible().ofLengthBetween(0, 40), strings().allPossible().ofLengthBetween(0, 40))
                .checkAssert((type, a, b) -> {
                    String id = Ids.derived(type, a, b);
                    assertThat(Ids.derived(type, a, b)).isEqualTo(id);
                    assertThat(Ids.isValid(id)).as(id).isTrue();
                    assertThat(Ids.typeOf(id)).isEqualTo(type);
                    UUID uuid = UUID.fromString(id.substring(type.length() + 2));
                    assertThat(uuid.version()).isEqualTo(5);
                    assertThat(uuid.variant()).isEqualTo(2);
                });
    }

    @Test
    void derivedIds_ofDifferentNames_differ() {
        qt().forAll(strings().allPossible().ofLengthBetween(0, 30), strings().allPossible().ofLengthBetween(1, 30))
                .checkAssert((a, suffix) -> assertThat(Ids.derived("intrusion-set", a))
                        .isNotEqualTo(Ids.derived("intrusion-set", a + suffix)));
    }
}
