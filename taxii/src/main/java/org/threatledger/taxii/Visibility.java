package org.threatledger.taxii;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.threatledger.stix.StixObject;
import org.threatledger.stix.Tlp;
import org.threatledger.stix.TlpReferences;
import org.threatledger.store.KnowledgeStore;
import org.threatledger.store.StoredObject;

/**
 * What one partner may see, for one request: an object leaves only when its effective TLP (its own
 * markings, granular ones included, else its provenance default, else the configured default) is
 * one the partner's agreement allows. Its references are judged by {@link TlpReferences}, against
 * what this partner may receive of the objects we hold: a relationship or sighting pointing at an
 * object the partner may not receive is withheld (the reference would disclose it), a
 * {@code where_sighted_refs} entry it may not receive is anonymised, and an unreceivable
 * {@code created_by_ref} is dropped from the copy rather than hiding the object. Redaction runs
 * first, so an anonymised sighting is judged by what is actually sent. Referenced objects are
 * looked up once per request (a cache), which costs one store read per distinct reference. For a
 * collection whose query names actor countries, only the collection's members pass
 * ({@link #within}). Public so the REST API applies the very same rule.
 */
public final class Visibility {
    private final Partner partner;
    private final Set<Tlp> allowed;
    private final Tlp defaultTlp;
    private final KnowledgeStore store;
    private final Redactor redactor;
    private final Predicate<String> members;
    private final Map<String, Boolean> refAllowed = new HashMap<>();

    /** The rules for one partner; {@code defaultTlp} applies to objects with no TLP of their own or of their source. */
    public Visibility(Partner partner, Tlp defaultTlp, KnowledgeStore store) {
        this(partner, defaultTlp, store, id -> true);
    }

    private Visibility(Partner partner, Tlp defaultTlp, KnowledgeStore store, Predicate<String> members) {
        this.partner = partner;
        this.allowed = partner.allowedTlps();
        this.defaultTlp = defaultTlp;
        this.store = store;
        this.redactor = new Redactor(partner.redactions());
        this.members = members;
    }

    /** These rules, for a collection whose query admits only the ids {@code members} accepts (see {@link CollectionQuery}). */
    Visibility within(Predicate<String> members) {
        return new Visibility(partner, defaultTlp, store, members);
    }

    /** Whether the partner's agreement allows the object's own effective TLP (references aside). */
    boolean allowsTlpOf(StoredObject stored) {
        return allowed.contains(effective(stored));
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
        if (!members.test(stored.object().id())) {
            return Optional.empty();
        }
        Tlp tlp = effective(stored);
        if (!allowed.contains(tlp) || !levels.contains(tlp)) {
            return Optional.empty();
        }
        return redactor.redact(stored.object())
                .flatMap(o -> TlpReferences.share(o, ref -> refAllowed.computeIfAbsent(ref, this::mayReceive)));
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
            wanted.forEach(id -> refAllowed.put(id, mayReceive(Optional.ofNullable(found.get(id)))));
        }
    }

    /** Whether the partner may learn that this version exists (manifest, versions): same rule as the content. */
    boolean mayKnow(StoredObject stored) {
        return admit(stored).isPresent();
    }

    Partner partner() {
        return partner;
    }

    /** Whether the partner may receive the object we hold under this id (ids we do not hold: yes). */
    private boolean mayReceive(String id) {
        return mayReceive(store.get(id));
    }

    private boolean mayReceive(Optional<StoredObject> held) {
        return held.map(s -> allowed.contains(effective(s)) && !redactor.withholds(s.object())).orElse(true);
    }

    private Tlp effective(StoredObject stored) {
        return Tlp.of(stored.object()).orElse(stored.provenance().defaultTlp() != null
                ? stored.provenance().defaultTlp() : defaultTlp);
    }
}
