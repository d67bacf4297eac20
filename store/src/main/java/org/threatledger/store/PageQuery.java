package org.threatledger.store;

import java.util.Set;
import org.threatledger.stix.Tlp;

/**
 * One page of a walk over stored versions in {@code (date_added, seq)} order (TAXII paging). The
 * order is total and new versions always sort after every committed one (a put takes its
 * {@code date_added} and its seqs under the write lock), so a walk that resumes after the last
 * position it saw has no duplicates and no gaps while objects are being added.
 *
 * @param versions         which versions of each object
 * @param versionsAtMicros for {@link Versions#AT}: the versions wanted, as microseconds of their
 *                         {@code modified} (else {@code created})
 * @param types            only these types (empty: all)
 * @param ids              only these ids (empty: all)
 * @param tlps             only versions whose effective TLP is one of these (empty: all)
 * @param member           only ids in this explicit collection (null: no membership filter)
 * @param afterDateAdded   the position to resume after: date added in microseconds (-1: start)
 * @param afterSeq         and the seq of the last version seen at that date
 * @param limit            at most this many versions
 */
public record PageQuery(Versions versions, Set<Long> versionsAtMicros, Set<String> types, Set<String> ids,
                        Set<Tlp> tlps, String member, long afterDateAdded, long afterSeq, int limit) {

    /** Which versions of an object a page holds (TAXII 2.1 §3.4.1 {@code match[version]}). */
    public enum Versions { LAST, FIRST, ALL, AT }

    public PageQuery {
        versionsAtMicros = Set.copyOf(versionsAtMicros);
        types = Set.copyOf(types);
        ids = Set.copyOf(ids);
        tlps = Set.copyOf(tlps);
        if (limit < 1) {
            throw new IllegalArgumentException("page limit must be positive: " + limit);
        }
    }
}
