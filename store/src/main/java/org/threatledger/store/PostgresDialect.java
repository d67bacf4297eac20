package org.threatledger.store;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.threatledger.stix.IocEntry;

/**
 * The team store: PostgreSQL with the JSON as JSONB, full text as a weighted {@code tsvector}
 * ({@code simple} configuration, no stemming, so it finds what the SQLite store finds), list
 * entries loaded with {@code COPY}. Writers from several processes are serialised by a
 * transaction-scoped advisory lock, because a put reads the current versions before writing.
 */
final class PostgresDialect implements Dialect {
    private static final long WRITE_LOCK = 0x7468726561746c6cL; // "threatll"
    private static final int COPY_CHUNK = 1 << 16;

    @Override
    public String migrations() {
        return "classpath:db/migration/postgresql";
    }

    @Override
    public void lockForWrite(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            ps.setLong(1, WRITE_LOCK);
            ps.execute();
        }
    }

    @Override
    public long[] reserveSeqs(Connection c, int n) throws SQLException {
        long[] seqs = new long[n];
        try (PreparedStatement ps = c.prepareStatement("SELECT nextval('objects_seq') FROM generate_series(1, ?)")) {
            ps.setInt(1, n);
            try (ResultSet rs = ps.executeQuery()) {
                for (int i = 0; i < n && rs.next(); i++) {
                    seqs[i] = rs.getLong(1);
                }
            }
        }
        return seqs;
    }

    @Override
    public String insertObjectSql() {
        return "INSERT INTO objects (seq, id, version, version_at, type, date_added, source, location, imported_at,"
                + " default_tlp, tlp, json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)";
    }

    @Override
    public String insertSearchSql() {
        return "INSERT INTO search (seq, doc) VALUES (?, setweight(to_tsvector('simple', coalesce(?, '') || ' '"
                + " || coalesce(?, '')), 'A') || setweight(to_tsvector('simple', coalesce(?, '')), 'B'))";
    }


    @Override
    public String searchSql(boolean typed) {
        return "SELECT " + JdbcStore.STORED_COLUMNS + " FROM search s"
                + " JOIN objects o ON o.seq = s.seq"
                + " JOIN current c ON c.id = o.id AND c.seq = o.seq,"
                + " plainto_tsquery('simple', ?) q"
                + " WHERE s.doc @@ q AND NOT c.revoked" + (typed ? " AND c.type = ?" : "")
                + " ORDER BY ts_rank(s.doc, q) DESC, o.id LIMIT ?";
    }

    @Override
    public String lacksPropertySql(String property) {
        return "(o.json -> '" + property + "') IS NULL";
    }

    @Override
    public String matchQuery(String text) {
        return text.isBlank() ? null : text;
    }

    @Override
    public void insertEntries(Connection c, long listSeq, Collection<IocEntry> entries) throws SQLException {
        CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(
                "COPY entries (list_seq, ord, type, value, port, subdomains, comment, reference, line) FROM STDIN");
        try {
            StringBuilder rows = new StringBuilder(COPY_CHUNK + 1024);
            int ord = 0;
            for (IocEntry e : entries) {
                rows.append(listSeq).append('\t').append(ord++).append('\t');
                field(rows, e.type() == null ? null : e.type().name()).append('\t');
                field(rows, e.value()).append('\t').append(e.port()).append('\t').append(e.subdomains()).append('\t');
                field(rows, e.comment()).append('\t');
                field(rows, e.reference()).append('\t').append(e.line()).append('\n');
                if (rows.length() >= COPY_CHUNK) {
                    write(copy, rows);
                }
            }
            write(copy, rows);
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private static void write(CopyIn copy, StringBuilder rows) throws SQLException {
        byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        rows.setLength(0);
    }

    /** A value in COPY text format: {@code \N} for null, backslash escapes for the separators. */
    private static StringBuilder field(StringBuilder out, String value) {
        if (value == null) {
            return out.append("\\N");
        }
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(ch);
            }
        }
        return out;
    }

    /** JSONB arrives as text (with a space after each colon and comma). */
    @Override
    public byte[] json(ResultSet rs, int column) throws SQLException {
        return rs.getString(column).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * PostgreSQL estimates the probe "is this row the current version" ({@code c.id = o.id AND
     * c.seq = o.seq}) as matching almost no row, statistics or not, so left alone it hash-joins
     * the whole collection with {@code current} and sorts it for every page: 1.5-3 s a page at a
     * million objects instead of 2 ms. With sorts and hash and merge joins off for this transaction
     * the only plan left is the intended one; JIT and parallel workers, which cost more than a page
     * takes, are off too. Not for an id filter, where the {@code (id, version)} index is the way in.
     */
    @Override
    public void pinPagePlan(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET LOCAL enable_sort = off; SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off;"
                    + " SET LOCAL jit = off; SET LOCAL max_parallel_workers_per_gather = 0");
        }
    }

    @Override
    public void beginStreaming(Connection c) throws SQLException {
        c.setAutoCommit(false);
    }
}
