package org.threatledger.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.StringJoiner;
import org.threatledger.stix.IocEntry;

/**
 * The embedded store: one SQLite file in WAL mode with a single write connection (readers have
 * their own), so the writer is always alone and sequence numbers can come from {@code max(seq)}. Full text is an FTS5 table
 * without content (the JSON is stored once, in {@code objects}), keyed by {@code objects.seq}.
 */
final class SqliteDialect implements Dialect {
    private static final int ENTRY_BATCH = 10_000;

    @Override
    public String migrations() {
        return "classpath:db/migration/sqlite";
    }

    @Override
    public void lockForWrite(Connection c) {
        // One write connection per store: writers are already serialised by its pool.
    }

    @Override
    public long[] reserveSeqs(Connection c, int n) throws SQLException {
        long max;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT coalesce(max(seq), 0) FROM objects")) {
            rs.next();
            max = rs.getLong(1);
        }
        long[] seqs = new long[n];
        for (int i = 0; i < n; i++) {
            seqs[i] = max + 1 + i;
        }
        return seqs;
    }

    @Override
    public String insertObjectSql() {
        return "INSERT INTO objects (seq, id, version, version_at, type, date_added, source, location, imported_at,"
                + " default_tlp, tlp, json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    }

    @Override
    public String insertSearchSql() {
        return "INSERT INTO search (rowid, name, aliases, description) VALUES (?, ?, ?, ?)";
    }


    @Override
    public String searchSql(boolean typed) {
        // bm25 weights: a hit in the name counts 10 times one in the description, an alias 5 times.
        return "SELECT " + JdbcStore.STORED_COLUMNS + " FROM search s"
                + " JOIN objects o ON o.seq = s.rowid"
                + " JOIN current c ON c.id = o.id AND c.seq = o.seq"
                + " WHERE search MATCH ? AND NOT c.revoked" + (typed ? " AND c.type = ?" : "")
                + " ORDER BY bm25(search, 10.0, 5.0, 1.0), o.id LIMIT ?";
    }

    @Override
    public String lacksPropertySql(String property) {
        return "json_type(o.json, '$.\"" + property + "\"') IS NULL";
    }

    @Override
    public String matchQuery(String text) {
        // Each word becomes an FTS5 string ("..." with quotes doubled), so no user text is FTS5 syntax.
        StringJoiner q = new StringJoiner(" ");
        for (String word : text.split("[^\\p{L}\\p{N}]+")) {
            if (!word.isEmpty()) {
                q.add('"' + word.replace("\"", "\"\"") + '"');
            }
        }
        return q.length() == 0 ? null : q.toString();
    }

    @Override
    public void insertEntries(Connection c, long listSeq, Collection<IocEntry> entries) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO entries (list_seq, ord, type, value, port,"
                + " subdomains, comment, reference, line) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int ord = 0;
            for (IocEntry e : entries) {
                ps.setLong(1, listSeq);
                ps.setInt(2, ord++);
                ps.setString(3, e.type() == null ? null : e.type().name());
                ps.setString(4, e.value());
                ps.setInt(5, e.port());
                ps.setInt(6, e.subdomains() ? 1 : 0);
                ps.setString(7, e.comment());
                ps.setString(8, e.reference());
                ps.setLong(9, e.line());
                ps.addBatch();
                if (ord % ENTRY_BATCH == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
    }

    /** The TEXT value's bytes as SQLite holds them (UTF-8), without decoding them into a String. */
    @Override
    public byte[] json(ResultSet rs, int column) throws SQLException {
        return rs.getBytes(column);
    }

    /** SQLite's planner walks the {@code (date_added, seq)} index for the page query by itself. */
    @Override
    public void pinPagePlan(Connection c) {
        // Nothing to pin.
    }

    @Override
    public void beginStreaming(Connection c) {
        // SQLite steps through a result set row by row already.
    }
}
