package org.threatledger.taxii;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.threatledger.analysis.AttributionGraph;
import org.threatledger.stix.Tlp;
import org.threatledger.store.KnowledgeStore;
import org.threatledger.store.StoredObject;

/**
 * The members of collections whose query has {@code actor-country} terms: the ids an
 * {@link AttributionGraph} attributes to actors of the country, built from what the partner's
 * agreement lets it receive (an attribution known only at a TLP it may not have must not show
 * through the membership). One graph per partner TLP view (there are at most a handful: the levels
 * an agreement allows, and the default TLP), kept until the store's {@linkplain
 * KnowledgeStore#revision() revision} moves; then the next request rebuilds it, so a page costs a
 * {@code max(seq)} query and a set lookup per row in between. A rebuild reads every current actor,
 * location and relationship (about 3 s for ATT&amp;CK Enterprise plus the MISP threat-actor galaxy
 * on a loaded 2-core machine); requests for the same view wait for the one rebuild under way
 * rather than starting their own.
 *
 * <p>Most writes cannot change an attribution: a hunt stores sightings, observed-data and
 * observables by the thousand. So when the revision moves, the objects stored since the graph's
 * revision are read first ({@link KnowledgeStore#changesAfter}, at most {@value #CHANGES_READ}); if
 * none is of a type the graph is made of ({@link #SHAPES_GRAPH}), the graph is kept. An indicator
 * counts only through its {@code indicates} relationship, which is a relationship.
 */
final class Attributions {
    /** The types an {@link AttributionGraph} is read from (actors, locations, relationships, what actors use). */
    static final Set<String> SHAPES_GRAPH = Set.of("intrusion-set", "threat-actor", "campaign", "location", "relationship",
            "malware", "tool", "infrastructure");
    /** Changed objects read to decide whether a graph may be kept; more than this and it is rebuilt. */
    static final int CHANGES_READ = 10_000;

    private final KnowledgeStore store;
    private final java.util.concurrent.atomic.AtomicLong loads = new java.util.concurrent.atomic.AtomicLong();
    private final Map<View, Built> built = new ConcurrentHashMap<>();
    private final Map<View, Object> locks = new ConcurrentHashMap<>();

    /** What a graph depends on besides the store: the TLP levels that may be used and the default TLP. */
    private record View(Set<Tlp> allowed, Tlp defaultTlp) {
    }

    /** A graph, the store's revision it reflects (at least), and the countries already asked of it. */
    private record Built(long revision, AttributionGraph graph, Map<String, Set<String>> byCountry) {
    }

    Attributions(KnowledgeStore store) {
        this.store = store;
    }

    /** The ids a collection with this query may hold for this partner view; everything when the query names no country. */
    Predicate<String> members(CollectionQuery q, Visibility visibility, Tlp defaultTlp) {
        if (q.actorCountries().isEmpty()) {
            return id -> true;
        }
        Built b = current(new View(Set.copyOf(visibility.allowed()), defaultTlp), visibility);
        Set<String> ids = null;
        for (String country : q.actorCountries()) {
            Set<String> of = b.byCountry().computeIfAbsent(country, b.graph()::attributedToCountry);
            if (ids == null) {
                ids = of;
            } else {
                ids = new HashSet<>(ids);
                ids.retainAll(of);
            }
        }
        return ids::contains;
    }

    private Built current(View view, Visibility visibility) {
        long revision = store.revision();
        Built b = built.get(view);
        if (b != null && b.revision() == revision) {
            return b;
        }
        synchronized (locks.computeIfAbsent(view, v -> new Object())) {
            b = built.get(view);
            if (b != null && b.revision() < revision) {
                List<StoredObject> changed = store.changesAfter(b.revision(), CHANGES_READ);
                if (changed.size() < CHANGES_READ && changed.stream().noneMatch(s -> SHAPES_GRAPH.contains(s.object().type()))) {
                    b = new Built(revision, b.graph(), b.byCountry());
                    built.put(view, b);
                    return b;
                }
            }
            if (b == null || b.revision() < revision) {
                b = new Built(revision, AttributionGraph.load(store, visibility::allowsTlpOf), new ConcurrentHashMap<>());
                loads.incrementAndGet();
                built.put(view, b);
            }
            return b;
        }
    }

    /** How many graphs were read from the store so far (tests). */
    long loads() {
        return loads.get();
    }
}
