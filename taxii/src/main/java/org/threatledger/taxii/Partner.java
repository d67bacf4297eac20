package org.threatledger.taxii;

import java.util.List;
import java.util.Set;
import org.threatledger.stix.Tlp;

/**
 * An organisation we share with and its agreement: the most a partner may receive
 * ({@code maxTlp}), the collections it may read and write, whether it is our own organisation
 * (the only one AMBER+STRICT reaches) and the redactions applied to what it receives.
 *
 * @param secretHash the argon2id hash of its secret (PHC string); the secret itself is never kept
 */
public record Partner(String name, String secretHash, Tlp maxTlp, List<String> read, List<String> write,
                      boolean ownOrg, boolean revoked, Set<Redaction> redactions) {

    /** What an agreement may strip from the objects a partner receives. */
    public enum Redaction {
        /** Victim identities (organisations, individuals) become their sector only. */
        VICTIMS,
        /** Notes and opinions (our internal assessments) are not shared. */
        NOTES,
        /** A sighting's {@code where_sighted_refs} become one anonymised identity. */
        SIGHTINGS
    }

    public Partner {
        read = List.copyOf(read);
        write = List.copyOf(write);
        redactions = Set.copyOf(redactions);
    }

    public boolean canRead(String collection) {
        return !revoked && read.contains(collection);
    }

    public boolean canWrite(String collection) {
        return !revoked && write.contains(collection);
    }

    /** The levels this partner may receive (TLP 2.0; DESIGN.md): never RED; AMBER+STRICT only for our own organisation. */
    public Set<Tlp> allowedTlps() {
        java.util.EnumSet<Tlp> out = java.util.EnumSet.noneOf(Tlp.class);
        for (Tlp t : Tlp.values()) {
            boolean withinAgreement = !t.isMoreRestrictiveThan(maxTlp);
            boolean strictOk = t != Tlp.AMBER_STRICT || ownOrg;
            if (withinAgreement && strictOk && t != Tlp.RED) {
                out.add(t);
            }
        }
        return out;
    }
}
