package org.threatledger.ingest.misp;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * MISP sector names to the STIX 2.1 industry-sector-ov (§10.11). Only names whose meaning is the
 * same are mapped; the rest keep their MISP name and no {@code sectors} value.
 */
final class Sectors {
    private static final Map<String, String> OV = Map.ofEntries(
            Map.entry("aerospace", "aerospace"), Map.entry("agriculture", "agriculture"),
            Map.entry("chemical", "chemical"), Map.entry("defense", "defense"),
            Map.entry("education", "education"), Map.entry("academia - university", "education"),
            Map.entry("higher education", "education"), Map.entry("energy", "energy"),
            Map.entry("electric", "utilities"), Map.entry("entertainment", "entertainment"),
            Map.entry("finance", "financial-services"), Map.entry("bank", "financial-services"),
            Map.entry("financial", "financial-services"), Map.entry("government", "government"),
            Map.entry("government, administration", "government"), Map.entry("health", "healthcare"),
            Map.entry("healthcare", "healthcare"), Map.entry("hotels", "hospitality-leisure"),
            Map.entry("infrastructure", "infrastructure"), Map.entry("justice", "government-judiciary"),
            Map.entry("manufacturing", "manufacturing"), Map.entry("media", "communications"),
            Map.entry("mining", "mining"), Map.entry("non-profit", "non-profit"),
            Map.entry("ngo", "non-profit"), Map.entry("pharmacy", "pharmaceuticals"),
            Map.entry("pharmaceuticals", "pharmaceuticals"), Map.entry("retail", "retail"),
            Map.entry("technology", "technology"), Map.entry("it", "technology"),
            Map.entry("telecoms", "telecommunications"), Map.entry("telecommunications", "telecommunications"),
            Map.entry("transport", "transportation"), Map.entry("transportation", "transportation"),
            Map.entry("utilities", "utilities"), Map.entry("military", "defense"),
            Map.entry("construction", "construction"), Map.entry("insurance", "insurance"),
            Map.entry("legal", "legal-services"), Map.entry("automotive", "automotive"));

    private Sectors() {}

    /** The industry-sector-ov value for a MISP sector name, when one means the same. */
    static Optional<String> industry(String name) {
        return Optional.ofNullable(OV.get(name.trim().toLowerCase(Locale.ROOT)));
    }
}
