package org.threatledger.taxii;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.threatledger.stix.Tlp;

/**
 * The query of a collection, a deliberately small language: terms joined by {@code AND}, each one of
 * <pre>
 *   type IN (indicator, malware)    only these STIX types
 *   type = indicator                one type
 *   tlp &lt;= green                    only objects at this TLP or below
 *   actor-country:CN                only objects attributed to actors from this country (ISO 3166-1 alpha-2)
 * </pre>
 * Case-insensitive keywords; an empty query (or {@code all}) is every object. The type and TLP
 * terms are predicates the store evaluates on the paged row, so a collection page stays O(limit).
 * {@code actor-country} needs a walk of the relationships ({@code AttributionGraph}: the actors'
 * records, their campaigns, software and infrastructure, the indicators of any of these, and the
 * relationships that say so); its result is a set of ids computed once per store revision and
 * partner TLP view, then tested per paged row. Two {@code actor-country} terms mean attributed to
 * both. Anything else is rejected with the offending term named (no silent "best effort").
 */
record CollectionQuery(Set<String> types, Tlp maxTlp, Set<String> actorCountries) {
    private static final Pattern TYPE_IN = Pattern.compile("(?i)type\\s+in\\s*\\(([^)]*)\\)");
    private static final Pattern TYPE_EQ = Pattern.compile("(?i)type\\s*=\\s*([a-z0-9-]+)");
    private static final Pattern TLP_LE = Pattern.compile("(?i)tlp\\s*<=\\s*([a-z+:_-]+)");
    private static final Pattern ACTOR_COUNTRY = Pattern.compile("(?i)actor-country\\s*(?::|=)\\s*(\\S+)");
    private static final Pattern COUNTRY = Pattern.compile("[A-Za-z]{2}");
    private static final Pattern STIX_TYPE = Pattern.compile("[a-z0-9][a-z0-9-]*");

    static final CollectionQuery ALL = new CollectionQuery(Set.of(), Tlp.RED, Set.of());

    /** Parses a query; null for null (a manual collection). */
    static CollectionQuery parseOrNull(String text) {
        return text == null ? null : parse(text);
    }

    static CollectionQuery parse(String text) {
        String t = text.trim();
        if (t.isEmpty() || t.equalsIgnoreCase("all")) {
            return ALL;
        }
        Set<String> types = new LinkedHashSet<>();
        Set<String> countries = new LinkedHashSet<>();
        Tlp max = Tlp.RED;
        for (String term : t.split("(?i)\\s+AND\\s+")) {
            String s = term.trim();
            Matcher m;
            if ((m = TYPE_IN.matcher(s)).matches()) {
                for (String type : m.group(1).split(",")) {
                    types.add(type(type.trim(), text));
                }
            } else if ((m = TYPE_EQ.matcher(s)).matches()) {
                types.add(type(m.group(1), text));
            } else if ((m = TLP_LE.matcher(s)).matches()) {
                String given = m.group(1);
                Tlp level = Tlp.parse(given).orElseThrow(() -> new IllegalArgumentException(
                        "collection query '" + text + "': '" + given + "' is not a TLP level"));
                max = level.isMoreRestrictiveThan(max) ? max : level;
            } else if ((m = ACTOR_COUNTRY.matcher(s)).matches()) {
                String code = m.group(1);
                if (!COUNTRY.matcher(code).matches()) {
                    throw new IllegalArgumentException("collection query '" + text + "': '" + code
                            + "' is not an ISO 3166-1 alpha-2 country code (such as CN)");
                }
                countries.add(code.toUpperCase(Locale.ROOT));
            } else {
                throw new IllegalArgumentException("collection query '" + text + "': cannot read the term '" + s
                        + "' (expected type IN (...), type = ..., tlp <= level, or actor-country:CC)");
            }
        }
        return new CollectionQuery(Set.copyOf(types), max, Set.copyOf(countries));
    }

    private static String type(String type, String query) {
        String lower = type.toLowerCase(Locale.ROOT);
        if (!STIX_TYPE.matcher(lower).matches()) {
            throw new IllegalArgumentException("collection query '" + query + "': '" + type + "' is not a STIX type");
        }
        return lower;
    }
}
