package org.threatledger.exports;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.threatledger.analysis.Actor;
import org.threatledger.analysis.ActorDirectory;
import org.threatledger.analysis.ActorProfile;
import org.threatledger.stix.IocEntry;
import org.threatledger.stix.IocIndicators;
import org.threatledger.stix.StixObject;
import org.threatledger.stix.Tlp;
import org.threatledger.stix.TlpReferences;
import org.threatledger.store.KnowledgeStore;
import org.threatledger.store.PageQuery;
import org.threatledger.store.PagedObject;
import org.threatledger.store.StoredObject;

/**
 * The current STIX objects that leave this instance as objects: the {@code stix21} export and
 * {@code sync push} both send exactly this. Either everything, or what concerns some actors (their
 * intrusion sets and threat actors, their relationships and what those point at); only the asked
 * types (an actor's relationships go whatever the types say, they are the point of asking for the
 * actor); never indicator-list objects (their entries go as indicators, {@link #forEachListIndicator})
 * nor the official TLP marking definitions (a bundle adds the ones its objects use).
 *
 * <p>TLP, as a partner at {@code maxTlp} would receive it over TAXII: an object whose effective TLP
 * ({@link StoredObject#tlp()}) is above the ceiling stays here, and references follow
 * {@link TlpReferences}: a relationship or sighting pointing at an object above the ceiling stays
 * too, a {@code created_by_ref} to such an identity is left out of the copy and such a
 * {@code where_sighted_refs} entry anonymised. Everything left out or changed is counted in the
 * summary with its reason.
 *
 * <p>Memory: "everything" walks the store page by page ({@link KnowledgeStore#page}), so between
 * pages the references can be looked up; the answers are cached up to {@link #REF_CACHE} ids. An
 * actor selection remembers the ids it sent, to send each once.
 */
public final class ObjectSelection {
    static final String LIST_TYPE = "x-threatledger-ioc-list";
    private static final int PAGE = 1000;
    private static final int REF_CACHE = 100_000;

    private final KnowledgeStore store;
    private final Tlp maxTlp;
    private final List<String> types;
    private final List<Actor> actors;
    private final ActorDirectory directory;
    private final ExportSummary summary;
    private final Map<String, Boolean> receivable = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REF_CACHE;
        }
    };

    /**
     * A selection.
     *
     * @param maxTlp    the most restrictive TLP that leaves (RED is refused)
     * @param types     only these STIX types (empty: all)
     * @param actors    only what concerns these actors (empty: everything)
     * @param directory the actors of the store (for the lists attributed to an actor)
     * @param summary   counts what is left out, and why
     */
    public ObjectSelection(KnowledgeStore store, Tlp maxTlp, List<String> types, List<Actor> actors,
                           ActorDirectory directory, ExportSummary summary) {
        if (maxTlp == Tlp.RED) {
            throw new ExportException("TLP:RED never leaves this instance");
        }
        this.store = store;
        this.maxTlp = maxTlp;
        this.types = types == null ? List.of() : List.copyOf(types);
        this.actors = List.copyOf(actors);
        this.directory = directory;
        this.summary = summary;
    }

    /** The actors known by these names (name, alias or external id); fails naming the first unknown one. */
    public static List<Actor> actors(ActorDirectory directory, List<String> names) {
        List<Actor> out = new ArrayList<>();
        for (String name : names == null ? List.<String>of() : names) {
            Actor a = directory.find(name).orElseThrow(() -> new ExportException(ExportException.Kind.NOT_FOUND,
                    "no actor is known as '" + name + "'"));
            if (!out.contains(a)) {
                out.add(a);
            }
        }
        return out;
    }

    /** The skip reason for an object above the ceiling. */
    static String tlpReason(Tlp tlp, Tlp max) {
        return tlp.display() + " is above --max-tlp " + max.label();
    }

    /** Passes every selected object once, as it may leave. */
    public void forEach(Consumer<StixObject> out) {
        if (actors.isEmpty()) {
            everything(out);
        } else {
            new ActorWalk(out).walk();
        }
    }

    /**
     * Passes the entries of the selected indicator lists (all current lists, or those attributed to
     * the actors by name), each once as a STIX indicator carrying its list's markings.
     */
    public void forEachListIndicator(Consumer<StixObject> out) {
        if (!wanted("indicator")) {
            return;
        }
        Set<String> lists = new LinkedHashSet<>();
        if (actors.isEmpty()) {
            store.byType(LIST_TYPE, 0, Integer.MAX_VALUE).forEach(l -> lists.add(l.id()));
        } else {
            actors.forEach(a -> lists.addAll(ActorProfile.of(a, directory, store).lists()));
        }
        for (String id : lists) {
            StoredObject list = store.get(id).orElse(null);
            if (list == null || list.object().revoked()) {
                continue;
            }
            Set<String> sent = new HashSet<>();
            for (IocEntry e : store.entries(id)) {
                if (admitted(list)) {
                    StixObject indicator = IocIndicators.indicator(list.object(), e);
                    if (sent.add(indicator.id())) {
                        out.accept(indicator);
                    }
                }
            }
        }
    }

    private void everything(Consumer<StixObject> out) {
        Set<String> pageTypes = types.isEmpty() ? Set.of() : Set.copyOf(types);
        long afterDate = -1;
        long afterSeq = -1;
        List<PagedObject> rows = new ArrayList<>(PAGE);
        do {
            rows.clear();
            store.page(new PageQuery(PageQuery.Versions.LAST, Set.of(), pageTypes, Set.of(), Set.of(), null,
                    afterDate, afterSeq, PAGE), rows::add);
            for (PagedObject row : rows) {
                afterDate = row.dateAddedMicros();
                afterSeq = row.seq();
                if (!row.stored().object().revoked()) {
                    share(row.stored()).ifPresent(out);
                }
            }
        } while (rows.size() == PAGE);
    }

    /** The copy of a current object that leaves, or empty (counted) when it stays. */
    private Optional<StixObject> share(StoredObject s) {
        StixObject o = s.object();
        boolean tlpMarking = o.type().equals("marking-definition") && Tlp.ofMarking(o.id()).isPresent();
        if (tlpMarking || o.type().equals(LIST_TYPE) || !admitted(s)) {
            return Optional.empty();
        }
        Optional<StixObject> shared = TlpReferences.share(o, this::mayLeave);
        if (shared.isEmpty()) {
            summary.skip("links an object withheld by TLP");
        } else if (!shared.get().equals(o)) {
            summary.narrow(o.has("created_by_ref") && !shared.get().has("created_by_ref")
                    ? "created_by_ref left out: the creator identity is above --max-tlp " + maxTlp.label()
                    : "where_sighted_refs anonymised: the place is above --max-tlp " + maxTlp.label());
        }
        return shared;
    }

    private boolean admitted(StoredObject s) {
        if (s.tlp().isMoreRestrictiveThan(maxTlp)) {
            summary.skip(tlpReason(s.tlp(), maxTlp));
            return false;
        }
        return true;
    }

    /** Whether the object with this id may leave by TLP (ids we do not hold: nothing to withhold). */
    private boolean mayLeave(String id) {
        Boolean known = receivable.get(id);
        if (known == null) {
            known = store.get(id).map(s -> !s.tlp().isMoreRestrictiveThan(maxTlp)).orElse(true);
            receivable.put(id, known);
        }
        return known;
    }

    private boolean wanted(String type) {
        return types.isEmpty() || types.contains(type);
    }

    /** The objects of the chosen actors: members, then each relationship whose far end is wanted and may leave. */
    private final class ActorWalk {
        private final Consumer<StixObject> out;
        private final Set<String> sent = new HashSet<>();

        ActorWalk(Consumer<StixObject> out) {
            this.out = out;
        }

        void walk() {
            for (Actor actor : actors) {
                for (StoredObject m : actor.members()) {
                    if (!admitted(m) || wanted(m.object().type()) && !send(m)) {
                        continue;
                    }
                    String self = m.object().id();
                    for (StixObject rel : store.relationships(self)) {
                        String other = self.equals(rel.text("source_ref").orElse(""))
                                ? rel.text("target_ref").orElse("") : rel.text("source_ref").orElse("");
                        Optional<StoredObject> end = store.get(other).filter(e -> !e.object().revoked());
                        Optional<StoredObject> stored = store.get(rel.id());
                        if (end.isPresent() && stored.isPresent() && wanted(end.get().object().type()) && send(end.get())) {
                            send(stored.get());
                        }
                    }
                }
            }
        }

        /** Sends an object once; true when it was sent (now or before). */
        private boolean send(StoredObject s) {
            if (sent.contains(s.object().id())) {
                return true;
            }
            Optional<StixObject> shared = share(s);
            shared.ifPresent(o -> {
                sent.add(o.id());
                out.accept(o);
            });
            return shared.isPresent();
        }
    }
}
