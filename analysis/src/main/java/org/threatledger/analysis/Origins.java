package org.threatledger.analysis;

import java.util.Locale;
import java.util.Optional;
import org.threatledger.stix.StixObject;

/**
 * Where an actor comes from, as the importers record it: an {@code originates-from} relationship
 * from the intrusion set or threat actor to a location (STIX 2.1 §4.10) whose {@code country} is
 * an ISO 3166-1 alpha-2 code; the MISP galaxy importer writes {@code meta.country} this way, with
 * the shared country locations {@code Ids.derived("location", "country", "CN")}. The profile shows
 * the place by name, collection queries compare the code.
 */
public final class Origins {
    /** The relationship type from an actor to where it comes from. */
    public static final String RELATIONSHIP = "originates-from";

    private Origins() {
    }

    /** The country code of a location, upper case; empty for a region or a location without a country. */
    public static Optional<String> countryCode(StixObject location) {
        if (!location.type().equals("location")) {
            return Optional.empty();
        }
        return location.text("country").map(c -> c.trim().toUpperCase(Locale.ROOT)).filter(c -> c.matches("[A-Z]{2}"));
    }

    /** How a place is shown: its name, else its country code, else its id. */
    public static String place(StixObject location) {
        return location.name().or(() -> location.text("country")).orElse(location.id());
    }
}
