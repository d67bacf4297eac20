package org.threatledger.store;

import java.time.Instant;
import org.threatledger.stix.StixObject;
import org.threatledger.stix.Tlp;

/**
 * A stored version with its bookkeeping.
 *
 * @param object     the version as imported
 * @param dateAdded  when this version entered the store (TAXII {@code date_added}), to the
 *                   microsecond, taken once per put: every version of one put shares it, so
 *                   cursors must break ties (by id and version)
 * @param provenance where it came from
 * @param tlp        its effective TLP: its own TLP marking, else the provenance default, else AMBER
 */
public record StoredObject(StixObject object, Instant dateAdded, Provenance provenance, Tlp tlp) {
}
