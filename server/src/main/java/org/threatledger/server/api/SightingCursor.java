package org.threatledger.server.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import org.threatledger.stix.StixObject;

/**
 * Where a page of {@code GET /api/sightings} ended: the version time and id of its last
 * sighting, in the listing's order (newest first, then id). Opaque to callers (base64url).
 */
record SightingCursor(Instant version, String id) {
    private static final Comparator<SightingCursor> ORDER = Comparator.comparing(SightingCursor::version).reversed()
            .thenComparing(SightingCursor::id);

    static SightingCursor after(StixObject last) {
        return new SightingCursor(last.versionInstant(), last.id());
    }

    /** Whether {@code o} comes after this cursor in the listing's order. */
    boolean precedes(StixObject o) {
        return ORDER.compare(this, after(o)) < 0;
    }

    String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((version + " " + id).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor a previous page gave, or null for the first page; a 400 for anything else. */
    static SightingCursor decode(String text) {
        if (text == null) {
            return null;
        }
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            int space = plain.indexOf(' ');
            String id = plain.substring(space + 1);
            if (space < 0 || !id.startsWith("sighting--")) {
                throw new IllegalArgumentException("not a sighting cursor");
            }
            return new SightingCursor(Instant.parse(plain.substring(0, space)), id);
        } catch (RuntimeException e) {
            throw ApiException.badRequest("next must be the value a previous page of sightings gave");
        }
    }
}
