package org.threatledger.taxii;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.threatledger.stix.Timestamps;
import org.threatledger.store.PageQuery;

/**
 * The filter and paging parameters of a request (TAXII 2.1 §3.4): {@code match[id]},
 * {@code match[type]}, {@code match[version]} ({@code last}, {@code first}, {@code all} or
 * timestamps, comma-separated), {@code match[spec_version]}, {@code added_after}, {@code limit}
 * (capped at the server maximum), {@code next}. A bad value is a 400 naming it.
 */
record Filters(Set<String> ids, Set<String> types, PageQuery.Versions versions, Set<Long> versionsAt,
               boolean specVersionMatches, long addedAfterMicros, int limit, String next) {
    static final int MAX_LIMIT = 1000;

    static Filters of(TaxiiRequest r, PageQuery.Versions defaultVersions) {
        Set<String> ids = list(r.param("match[id]"));
        Set<String> types = lower(list(r.param("match[type]")));
        Set<String> specVersions = list(r.param("match[spec_version]"));
        // Every stored object is STIX 2.1 (2.0 is upgraded on import).
        boolean spec = specVersions.isEmpty() || specVersions.contains("2.1");
        PageQuery.Versions versions = defaultVersions;
        Set<Long> at = new LinkedHashSet<>();
        Set<String> v = lower(list(r.param("match[version]")));
        if (v.contains("all")) {
            versions = PageQuery.Versions.ALL;
        } else if (!v.isEmpty()) {
            versions = versions(v, at);
        }
        String addedAfter = r.param("added_after");
        long after = -1;
        if (addedAfter != null) {
            after = Timestamps.tryParse(addedAfter).map(i -> i.getEpochSecond() * 1_000_000L + i.getNano() / 1000)
                    .orElseThrow(() -> TaxiiException.badRequest("added_after is not a timestamp: " + clip(addedAfter)));
        }
        return new Filters(ids, types, versions, at, spec, after, limit(r.param("limit")), r.param("next"));
    }

    private static PageQuery.Versions versions(Set<String> v, Set<Long> at) {
        boolean first = v.remove("first");
        boolean last = v.remove("last");
        for (String t : v) {
            at.add(Timestamps.tryParse(t).map(i -> i.getEpochSecond() * 1_000_000L + i.getNano() / 1000)
                    .orElseThrow(() -> TaxiiException.badRequest("match[version] value is not first, last, all or a"
                            + " timestamp: " + clip(t))));
        }
        if ((first ? 1 : 0) + (last ? 1 : 0) + (at.isEmpty() ? 0 : 1) > 1) {
            throw TaxiiException.badRequest("this server takes one of first, last, all or a list of timestamps in"
                    + " match[version], not a mix");
        }
        return first ? PageQuery.Versions.FIRST : last ? PageQuery.Versions.LAST : PageQuery.Versions.AT;
    }

    private static int limit(String text) {
        if (text == null) {
            return MAX_LIMIT;
        }
        try {
            int n = Integer.parseInt(text.trim());
            if (n < 1) {
                throw TaxiiException.badRequest("limit must be a positive integer: " + clip(text));
            }
            return Math.min(n, MAX_LIMIT);
        } catch (NumberFormatException e) {
            throw TaxiiException.badRequest("limit must be a positive integer: " + clip(text));
        }
    }

    private static Set<String> list(String text) {
        Set<String> out = new LinkedHashSet<>();
        if (text != null) {
            for (String s : text.split(",")) {
                if (!s.isBlank()) {
                    out.add(s.trim());
                }
            }
        }
        return out;
    }

    private static Set<String> lower(Set<String> in) {
        Set<String> out = new LinkedHashSet<>();
        in.forEach(s -> out.add(s.toLowerCase(Locale.ROOT)));
        return out;
    }

    /** A client's value, shortened, for an error description (echoing whole bodies helps no one). */
    static String clip(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "…";
    }
}
