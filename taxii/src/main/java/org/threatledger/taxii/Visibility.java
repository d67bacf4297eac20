package org.threatledger.taxii;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.threatledger.stix.StixObject;
import org.threatledger.stix.Tlp;
import org.threatledger.store.KnowledgeStore;
import org.threatledger.store.StoredObject;

/**
 * What one partner may see, for one request: an object leaves only when its effective TLP (its own
 * markings, granular ones included, else its provenance default, else the configured default) is
 * one the partner's agreement allows, and so is the TLP of every object it references (other than
 * marking definitions) that we hold: a relationship to a RED actor does not leave, because the
 * reference itself discloses the actor. Redaction runs first, so an anonymised sighting is judged
 * by what is actually sent. Referenced objects are looked up once per request (a cache), which
 * costs one store read per distinct reference. Public so the REST API applies the very same rule.
 */
public final class Visibility {
    private final Partner partner;
    private final Set<Tlp> allowed;
    private final Tlp defaultTlp;
    private final KnowledgeStore store;
    private final Redactor redactor;
    private final Map<String, Boolean> refAllowed = new HashMap<>();

    /** The rules for one partner; {@code defaultTlp} applies to objects with no TLP of their own or of their source. */
    public Visibility(Partner partner, Tlp defaultTlp, KnowledgeStore store) {
        this.partner = partner;
        this.allowed = partner.allowedTlps();
        this.defaultTlp = defaultTlp;
        this.store = store;
        this.redactor = new Redactor(partner.redactions());
    }

    Set<Tlp> allowed() {
        return allowed;
    }

    /** The object as this partner may receive it, or empty when it may not receive it. */
    public Optional<StixObject> admit(StoredObject stored) {
        return admit(stored, allowed);
    }

    /** As {@link #admit(StoredObject)}, with the object's own TLP limited further to {@code levels} (a collection's query). */
    Optional<StixObject> admit(StoredObject stored, Set<Tlp> levels) {
        Tlp tlp = effective(stored);
        if (!allowed.contains(tlp) || !levels.contains(tlp)) {
            return Optional.empty();
        }
        Optional<StixObject> redacted = redactor.redact(stored.object());
        if (redacted.isEmpty()) {
            return redacted;
        }
        for (String ref : redacted.get().references()) {
            if (!ref.startsWith("marking-definition--") && !refAllowed.computeIfAbsent(ref, this::referenceAllowed)) {
                return Optional.empty();
            }
        }
        return redacted;
    }

    /**
     * Looks up in one store query the references of these versions that were not looked up yet, so
     * that admitting a page costs one query instead of one per distinct reference. Changes nothing
     * {@link #admit} decides: it fills the same cache with the same rule.
     */
    public void prefetch(List<StoredObject> page) {
        Set<String> wanted = new HashSet<>();
        for (StoredObject s : page) {
            for (String ref : s.object().references()) {
                if (!ref.startsWith("marking-definition--") && !refAllowed.containsKey(ref)) {
                    wanted.add(ref);
                }
            }
        }
        if (!wanted.isEmpty()) {
            Map<String, StoredObject> found = store.getAll(wanted);
            wanted.forEach(id -> refAllowed.put(id, referenceAllowed(Optional.ofNullable(found.get(id)))));
        }
    }

    /** Whether the partner may learn that this version exists (manifest, versions): same rule as the content. */
    boolean mayKnow(StoredObject stored) {
        return admit(stored).isPresent();
    }

    Partner partner() {
        return partner;
    }

    private boolean referenceAllowed(String id) {
        return referenceAllowed(store.get(id));
    }

    private boolean referenceAllowed(Optional<StoredObject> referenced) {
        return referenced.map(s -> allowed.contains(effective(s))).orElse(true);
    }

    private Tlp effective(StoredObject stored) {
        return Tlp.of(stored.object()).orElse(stored.provenance().defaultTlp() != null
                ? stored.provenance().defaultTlp() : defaultTlp);
    }
}
