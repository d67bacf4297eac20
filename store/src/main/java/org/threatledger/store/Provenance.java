package org.threatledger.store;

import java.time.Instant;
import org.threatledger.stix.Tlp;

/**
 * Where a version came from: the source name ({@code mitre-attack}, {@code misp:CIRCL}, a
 * partner's name), the file or URL, when it was imported, and the TLP to apply when the object
 * itself carries no TLP marking (null: the store's default, AMBER).
 */
public record Provenance(String source, String location, Instant importedAt, Tlp defaultTlp) {
}
