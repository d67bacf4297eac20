package org.threatledger.taxii;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.threatledger.stix.StixObject;
import org.threatledger.stix.Tlp;
import org.threatledger.store.KnowledgeStore;
import org.threatledger.store.PageQuery;
import org.threatledger.store.PagedObject;

/**
 * One page of a collection for one partner: store pages in {@code (date_added, seq)} order, each
 * version admitted or withheld by {@link Visibility}, until {@code limit} versions are admitted,
 * the collection ends, or ten store pages were read (so a partner who may see little still gets an
 * answer in bounded time; the cursor then resumes after the last version read, seen or not).
 * Memory is bounded by the limit; a store page asks for one version more than it needs, which says
 * whether there is more without an extra query.
 */
final class Pager {
    private static final int MAX_STORE_PAGES = 10;

    /** The admitted versions, where the walk stopped, and whether more may follow. */
    record Page(List<Entry> entries, Cursor next, boolean more) {
    }

    /** One admitted version as the partner receives it. */
    record Entry(PagedObject row, StixObject object) {
    }

    private Pager() {
    }

    static Page page(KnowledgeStore store, CollectionDefinition collection, Visibility visibility, Filters f,
                     byte[] cursorKey, Tlp defaultTlp) {
        CollectionQuery q = collection.manual() ? CollectionQuery.ALL : CollectionQuery.parse(collection.query());
        Set<String> types = types(q.types(), f.types());
        List<Entry> out = new ArrayList<>();
        if (types == null || !f.specVersionMatches()) {
            return new Page(out, null, false);
        }
        Set<Tlp> tlps = EnumSet.noneOf(Tlp.class);
        visibility.allowed().stream().filter(t -> !t.isMoreRestrictiveThan(q.maxTlp())).forEach(tlps::add);
        if (tlps.isEmpty()) {
            return new Page(out, null, false);
        }
        // The store's tlp column applies AMBER to unmarked objects; it can pre-filter only when that is our default too.
        Set<Tlp> storeTlps = defaultTlp == Tlp.AMBER ? tlps : Set.of();
        long afterDate = f.addedAfterMicros();
        long afterSeq = Long.MAX_VALUE;
        if (f.next() != null) {
            Cursor c = Cursor.decode(f.next(), collection.id(), cursorKey);
            if (c.dateAddedMicros() > afterDate || (c.dateAddedMicros() == afterDate && c.seq() < afterSeq)) {
                afterDate = c.dateAddedMicros();
                afterSeq = c.seq();
            }
        } else if (afterDate < 0) {
            afterSeq = -1;
        }
        boolean more = false;
        for (int round = 0; round < MAX_STORE_PAGES; round++) {
            int want = f.limit() - out.size() + 1;
            List<PagedObject> rows = new ArrayList<>(want);
            store.page(new PageQuery(f.versions(), f.versionsAt(), types, f.ids(), storeTlps,
                    collection.manual() ? collection.id() : null, afterDate, afterSeq, want), rows::add);
            more = false;
            visibility.prefetch(rows.stream().map(PagedObject::stored).toList());
            for (PagedObject row : rows) {
                if (out.size() == f.limit()) {
                    more = true;
                    break;
                }
                afterDate = row.dateAddedMicros();
                afterSeq = row.seq();
                visibility.admit(row.stored(), tlps).ifPresent(o -> out.add(new Entry(row, o)));
            }
            if (more || rows.size() < want) {
                break;
            }
            more = true;
        }
        return new Page(out, more ? new Cursor(collection.id(), afterDate, afterSeq) : null, more);
    }

    /** The types to ask the store for: the collection's and the request's together; null when none can match. */
    private static Set<String> types(Set<String> collection, Set<String> requested) {
        if (collection.isEmpty() || requested.isEmpty()) {
            return collection.isEmpty() ? requested : collection;
        }
        Set<String> both = new HashSet<>(collection);
        both.retainAll(requested);
        return both.isEmpty() ? null : both;
    }
}
