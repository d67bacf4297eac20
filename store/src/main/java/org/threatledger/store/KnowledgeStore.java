package org.threatledger.store;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.threatledger.stix.IocEntry;
import org.threatledger.stix.StixObject;

/**
 * The knowledge base: every version of every STIX object, with when and from where it came, plus
 * the entries of indicator lists. Two implementations (embedded SQLite, PostgreSQL) pass one
 * contract test suite.
 *
 * <p>Versions: {@code (id, version)} where version is {@code modified} (else {@code created}, else
 * empty). A version already stored is never changed (re-import is a no-op); an older version is
 * kept in history but never becomes current. The current version of an object is its newest one;
 * a current version with {@code revoked: true} retires the object from every current query.
 *
 * <p>Every {@code put} is one transaction: all of the batch or none of it.
 */
public interface KnowledgeStore extends AutoCloseable {

    /** Stores a batch of objects in one transaction and says what each did. */
    PutResult put(Collection<StixObject> batch, Provenance provenance);

    /**
     * Stores a new version of a list object and its entries in one transaction. When the list
     * object's version is already stored, nothing changes; when it is older than the current one,
     * only the list object goes into history. Entries of earlier versions of the same list stop
     * being current (they are not kept: the list objects' history says what changed when). Every
     * entry's {@code listId} must be the list's id.
     */
    PutResult putList(StixObject list, Collection<IocEntry> entries, Provenance provenance);

    /** The current version of an object (revoked objects too, so a profile can say so). */
    Optional<StoredObject> get(String id);

    /**
     * The current versions of those of these ids the store holds, by id: {@link #get} for many ids
     * at once (one query per few hundred ids where the implementation can).
     */
    default Map<String, StoredObject> getAll(Collection<String> ids) {
        Map<String, StoredObject> out = new HashMap<>();
        for (String id : ids) {
            get(id).ifPresent(s -> out.put(id, s));
        }
        return out;
    }

    /** Every stored version of an object, oldest first. */
    List<StoredObject> versions(String id);

    /** Current, non-revoked objects of a type, in id order. */
    List<StixObject> byType(String type, int offset, int limit);

    /**
     * Current, non-revoked objects that carry this name, alias ({@code aliases},
     * {@code x_mitre_aliases}), external id ({@code G0006}, {@code T1566.001}) or id;
     * case-insensitive exact match.
     */
    List<StixObject> lookup(String nameAliasOrExternalId);

    /** Current, non-revoked relationships and sightings that point from or to this id. */
    List<StixObject> relationships(String id);

    /**
     * Full-text search over names, aliases and descriptions of current, non-revoked objects other
     * than relationships and sightings, best first (a name hit outranks a description hit). Every
     * word must occur, case- and accent-insensitive, whole words only.
     */
    List<StixObject> search(String text, String typeOrNull, int limit);

    /** Versions added after {@code since} (by date added), oldest first. */
    List<StoredObject> changesSince(Instant since, int limit);

    /**
     * Streams every current, non-revoked version in id order (exports), in constant memory; the
     * consumer must not call back into the store.
     */
    void forEachCurrent(String typeOrNull, Consumer<StoredObject> consumer);

    /**
     * {@link #forEachCurrent} of one type, without the objects that have the top-level property
     * {@code property}; the database tells them apart, so the others need not be parsed here.
     */
    default void forEachCurrentWithout(String type, String property, Consumer<StoredObject> consumer) {
        forEachCurrent(type, s -> {
            if (!s.object().has(property)) {
                consumer.accept(s);
            }
        });
    }

    /**
     * Streams one page of versions in {@code (date_added, seq)} order after the query's position,
     * filtered as the query says (TAXII objects, manifest and versions); an index on
     * {@code (date_added, seq)} makes a page cost O(limit) rows when the filters are not selective.
     * The consumer must not call back into the store.
     */
    void page(PageQuery query, Consumer<PagedObject> consumer);

    /** Adds object ids to an explicit collection (ids already in it are left alone). */
    void addMembers(String collection, Collection<String> ids);

    /** Removes an object id from an explicit collection; says whether it was there. */
    boolean removeMember(String collection, String id);

    /** The current entries of a list. */
    List<IocEntry> entries(String listId);

    /**
     * Current entries of every current, non-revoked list, passed one by one, lists in id order and
     * entries in list order (indicator compilation, exports); the consumer must not call back into
     * the store.
     */
    void forEachEntry(Consumer<IocEntry> consumer);

    /**
     * A fingerprint of what {@link #forEachEntry} gives: it names this store and the current version
     * of every list with entries, and list versions never change, so an equal fingerprint means the
     * same entries. Null when the store cannot say (then nothing may be cached from its entries).
     */
    default String entriesFingerprint() {
        return null;
    }

    /**
     * Counts of current, non-revoked objects and list entries. Deprecated ATT&CK objects
     * ({@code x_mitre_deprecated}) are current and counted; callers that hide them filter on
     * {@link StixObject#deprecated()}.
     */
    Stats stats();

    /**
     * A number that grows whenever a version is stored (the newest version's position), so that
     * something computed from the store can tell with one cheap query whether it is stale: an
     * equal number means nothing was stored in between. Membership of explicit collections does
     * not count. A read-only view that cannot say throws {@link UnsupportedOperationException}.
     */
    default long revision() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot tell its revision");
    }

    /**
     * Versions stored after the store was at {@code revision} (see {@link #revision()}), in the order
     * they were stored, at most {@code limit}: what changed since something was computed. A read-only
     * view that cannot say throws {@link UnsupportedOperationException}.
     */
    default List<StoredObject> changesAfter(long revision, int limit) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot list changes by revision");
    }

    @Override
    void close();
}
