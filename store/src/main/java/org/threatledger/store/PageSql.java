package org.threatledger.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.threatledger.stix.Tlp;

/**
 * The SQL of one {@link PageQuery}, the same for SQLite and PostgreSQL. The walk is an index range
 * scan over {@code objects_date_added (date_added, seq)} starting at the row-value position
 * {@code (date_added, seq) > (?, ?)}; every filter is a predicate on the scanned row (or a probe of
 * a primary key), so no sort and no materialisation happen and a page reads O(limit) rows when the
 * filters keep a fair share of them.
 */
final class PageSql {
    final String sql;
    final Object[] params;

    private PageSql(String sql, Object[] params) {
        this.sql = sql;
        this.params = params;
    }

    static PageSql of(PageQuery q) {
        StringBuilder sql = new StringBuilder("SELECT ").append(JdbcStore.STORED_COLUMNS).append(", o.seq FROM objects o");
        List<Object> params = new ArrayList<>();
        sql.append(" WHERE (o.date_added, o.seq) > (?, ?)");
        if (q.versions() == PageQuery.Versions.LAST) {
            // A probe of current's primary key per scanned row; a join on current.seq would drive the
            // query from current (no index on seq) and sort the whole collection for every page.
            sql.append(" AND EXISTS (SELECT 1 FROM current c WHERE c.id = o.id AND c.seq = o.seq)");
        }
        params.add(q.afterDateAdded());
        params.add(q.afterSeq());
        in(sql, params, "o.type", q.types());
        in(sql, params, "o.id", q.ids());
        in(sql, params, "o.tlp", q.tlps().stream().map(Tlp::name).toList());
        if (q.versions() == PageQuery.Versions.FIRST) {
            sql.append(" AND NOT EXISTS (SELECT 1 FROM objects p WHERE p.id = o.id AND (p.version_at < o.version_at"
                    + " OR (p.version_at = o.version_at AND p.version < o.version)))");
        } else if (q.versions() == PageQuery.Versions.AT) {
            if (q.versionsAtMicros().isEmpty()) {
                sql.append(" AND 1 = 0");
            }
            in(sql, params, "o.version_at", q.versionsAtMicros());
        }
        if (q.member() != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM collection_members m WHERE m.collection = ? AND m.id = o.id)");
            params.add(q.member());
        }
        sql.append(" ORDER BY o.date_added, o.seq LIMIT ?");
        params.add(q.limit());
        return new PageSql(sql.toString(), params.toArray());
    }

    private static void in(StringBuilder sql, List<Object> params, String column, Collection<?> values) {
        if (values.isEmpty()) {
            return;
        }
        sql.append(" AND ").append(column).append(" IN (");
        boolean first = true;
        for (Object v : values) {
            sql.append(first ? "?" : ", ?");
            params.add(v);
            first = false;
        }
        sql.append(')');
    }
}
