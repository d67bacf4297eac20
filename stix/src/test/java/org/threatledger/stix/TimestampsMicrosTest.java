package org.threatledger.stix;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand-written {@link Timestamps#parseMicros} agrees with {@link Instant#parse} and refuses the rest. */
class TimestampsMicrosTest {

    @ParameterizedTest
    @ValueSource(strings = {"2017-05-31T21:32:58Z", "2017-05-31T21:32:58.2Z", "2018-11-01T23:24:48.456Z",
            "2018-11-01T23:24:48.456789Z", "2018-11-01T23:24:48.4567891Z", "2018-11-01T23:24:48.123456789Z",
            "2024-02-29T00:00:00.000Z", "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999Z", "9999-12-31T23:59:59.999Z"})
    void parseMicros_validStixTimestamp_sameAsInstantParse(String text) {
        Instant t = Instant.parse(text);
        assertThat(Timestamps.parseMicros(text)).isEqualTo(t.getEpochSecond() * 1_000_000L + t.getNano() / 1000);
        assertThat(Timestamps.tryParse(text)).contains(t);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2021-02-29T00:00:00Z", "2021-13-01T00:00:00Z", "2021-01-01T24:00:00Z", "2021-01-01 00:00:00Z",
            "2021-01-01T00:00:00.Z", "2021-01-01T00:00:00+00:00", "2021-01-01T00:00:0aZ", "2021-01-01t00:00:00Z",
            "last Tuesday", "2021-01-01T00:00:00.12a4Z", "2021-01-01T00:00:00.1234567a9Z", "2021-01-01T00:00:60Z"})
    void parseMicros_anythingElse_refused(String text) {
        assertThat(Timestamps.parseMicros(text)).isEqualTo(Long.MIN_VALUE);
        assertThat(Timestamps.isValid(text)).isFalse();
    }
}
