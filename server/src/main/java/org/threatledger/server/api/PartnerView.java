package org.threatledger.server.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.threatledger.stix.IocEntry;
import org.threatledger.stix.StixObject;
import org.threatledger.stix.StixTypes;
import org.threatledger.store.KnowledgeStore;
import org.threatledger.store.PageQuery;
import org.threatledger.store.PagedObject;
import org.threatledger.store.PutResult;
import org.threatledger.store.Provenance;
import org.threatledger.store.Stats;
import org.threatledger.store.StoredObject;
import org.threatledger.taxii.Visibility;

/**
 * The knowledge base as one partner may see it: a read-only {@link KnowledgeStore} in which every
 * read passes the TAXII {@link Visibility} rule (the object's effective TLP and those of what it
 * references within the agreement, never RED, redactions applied). Because actor unification and
 * profiles read through this view, a profile is built only from what the partner may see; an
 * object it may not see is absent, exactly as if it were not stored.
 *
 * <p>Costs: reads that return bare objects are re-read with their provenance (one store read
 * each); {@link #forEachCurrent} buffers one type's current objects, because the visibility check
 * reads the store and the store's callback may not; {@link #stats} walks every current object.
 * One view serves one request.
 */
final class PartnerView implements KnowledgeStore {
    private static final String LIST_TYPE = "x-threatledger-ioc-list";
    /** How many more hits than asked a search fetches, so filtering still fills the page. */
    private static final int OVERFETCH = 4;

    private final KnowledgeStore store;
    private final Visibility visibility;

    PartnerView(KnowledgeStore store, Visibility visibility) {
        this.store = store;
        this.visibility = visibility;
    }

    private Optional<StoredObject> admit(StoredObject s) {
        return visibility.admit(s).map(o -> new StoredObject(o, s.dateAdded(), s.provenance(), s.tlp()));
    }

    private List<StixObject> admitCurrent(List<StixObject> objects, int limit) {
        List<StixObject> out = new ArrayList<>();
        for (StixObject o : objects) {
            if (out.size() >= limit) {
                break;
            }
            get(o.id()).ifPresent(s -> out.add(s.object()));
        }
        return out;
    }

    @Override
    public Optional<StoredObject> get(String id) {
        return store.get(id).flatMap(this::admit);
    }

    @Override
    public List<StoredObject> versions(String id) {
        return store.versions(id).stream().flatMap(s -> admit(s).stream()).toList();
    }

    @Override
    public List<StixObject> byType(String type, int offset, int limit) {
        return admitCurrent(store.byType(type, offset, limit), limit);
    }

    @Override
    public List<StixObject> lookup(String nameAliasOrExternalId) {
        return admitCurrent(store.lookup(nameAliasOrExternalId), Integer.MAX_VALUE);
    }

    @Override
    public List<StixObject> relationships(String id) {
        return admitCurrent(store.relationships(id), Integer.MAX_VALUE);
    }

    @Override
    public List<StixObject> search(String text, String typeOrNull, int limit) {
        int fetch = (int) Math.min(Integer.MAX_VALUE, (long) limit * OVERFETCH);
        return admitCurrent(store.search(text, typeOrNull, fetch), limit);
    }

    @Override
    public List<StoredObject> changesSince(Instant since, int limit) {
        return store.changesSince(since, limit).stream().flatMap(s -> admit(s).stream()).toList();
    }

    @Override
    public void forEachCurrent(String typeOrNull, Consumer<StoredObject> consumer) {
        List<StoredObject> buffered = new ArrayList<>();
        store.forEachCurrent(typeOrNull, buffered::add);
        for (StoredObject s : buffered) {
            admit(s).ifPresent(consumer);
        }
    }

    @Override
    public List<IocEntry> entries(String listId) {
        return get(listId).isPresent() ? store.entries(listId) : List.of();
    }

    @Override
    public void forEachEntry(Consumer<IocEntry> consumer) {
        Set<String> lists = new HashSet<>();
        forEachCurrent(LIST_TYPE, s -> lists.add(s.object().id()));
        store.forEachEntry(e -> {
            if (lists.contains(e.listId())) {
                consumer.accept(e);
            }
        });
    }

    @Override
    public Stats stats() {
        Map<String, Long> byType = new TreeMap<>();
        for (String type : store.stats().byType().keySet()) {
            forEachCurrent(type, s -> byType.merge(type, 1L, Long::sum));
        }
        Map<String, Long> entries = new TreeMap<>();
        forEachEntry(e -> entries.merge(e.type().label(), 1L, Long::sum));
        long actors = StixTypes.ACTOR_TYPES.stream().mapToLong(t -> byType.getOrDefault(t, 0L)).sum();
        long indicators = byType.getOrDefault("indicator", 0L) + entries.values().stream().mapToLong(Long::longValue).sum();
        return new Stats(byType, actors, indicators, entries);
    }

    @Override
    public void page(PageQuery query, Consumer<PagedObject> consumer) {
        throw new UnsupportedOperationException("the partner view does not page; TAXII does");
    }

    @Override
    public PutResult put(Collection<StixObject> batch, Provenance provenance) {
        throw new UnsupportedOperationException("the partner view is read-only");
    }

    @Override
    public PutResult putList(StixObject list, Collection<IocEntry> entries, Provenance provenance) {
        throw new UnsupportedOperationException("the partner view is read-only");
    }

    @Override
    public void addMembers(String collection, Collection<String> ids) {
        throw new UnsupportedOperationException("the partner view is read-only");
    }

    @Override
    public boolean removeMember(String collection, String id) {
        throw new UnsupportedOperationException("the partner view is read-only");
    }

    @Override
    public void close() {
        // The view owns nothing; the server closes the store.
    }
}
