package org.threatledger.ingest.misp;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** MISP times: {@code timestamp}s are epoch seconds (a JSON string or number), {@code date}s a day. */
final class Times {
    private Times() {}

    /** Epoch seconds, or empty when absent or not a whole number. */
    static Optional<Instant> epoch(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return Optional.empty();
        }
        if (n.isIntegralNumber()) {
            return Optional.of(Instant.ofEpochSecond(n.asLong()));
        }
        String t = n.asText().trim();
        if (!t.matches("\\d{1,12}")) {
            return Optional.empty();
        }
        return Optional.of(Instant.ofEpochSecond(Long.parseLong(t)));
    }

    /** A {@code yyyy-mm-dd} day at midnight UTC, or empty. */
    static Optional<Instant> day(JsonNode n) {
        if (n == null || !n.isTextual()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(n.asText().trim()).atStartOfDay(ZoneOffset.UTC).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
