package org.threatledger.ingest.misp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Country names to ISO 3166-1 alpha-2 codes, from {@code countries.tsv}: generated once from the
 * MISP galaxy's CC0 country cluster (geonames.org) plus a few common names that the threat-actor
 * galaxy's {@code cfr-suspected-victims} use ("United States"). Shipped as a resource so the
 * product needs no galaxy checkout at run time.
 */
final class Countries {
    private static final Map<String, String> BY_NAME = new HashMap<>(512);
    private static final Map<String, String> NAMES = new HashMap<>(256);

    static {
        load();
    }

    private Countries() {}

    /** The ISO code of a country name, any case, or empty for a region, an organisation or a typo. */
    static Optional<String> code(String name) {
        return Optional.ofNullable(BY_NAME.get(name.trim().toLowerCase(Locale.ROOT)));
    }

    /** The canonical name of an ISO code, or the code itself when it is not in the table. */
    static String name(String iso) {
        return NAMES.getOrDefault(iso.toUpperCase(Locale.ROOT), iso.toUpperCase(Locale.ROOT));
    }

    private static void load() {
        try (InputStream in = Countries.class.getResourceAsStream("countries.tsv")) {
            if (in == null) {
                throw new IllegalStateException("resource countries.tsv is missing from the ingest jar");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                int tab = line.indexOf('\t');
                if (!line.startsWith("#") && tab > 0) {
                    String code = line.substring(tab + 1).trim();
                    BY_NAME.put(line.substring(0, tab).toLowerCase(Locale.ROOT), code);
                    NAMES.putIfAbsent(code, line.substring(0, tab));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read countries.tsv", e);
        }
    }
}
