package org.threatledger.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.threatledger.stix.IocEntry;
import org.threatledger.stix.IocType;
import org.threatledger.stix.StixObject;
import org.threatledger.stix.Tlp;

/**
 * The knowledge store over JDBC, one implementation for SQLite and PostgreSQL; the few places
 * where they differ are the {@link Dialect}. Queries read the {@code current} table (one row per
 * object, pointing at its newest version) and the tables derived from it on write (keys, edges,
 * full text), so no query parses or filters JSON.
 */
final class JdbcStore implements KnowledgeStore {
    /** What {@link #stored} reads, in this order; a page query adds {@code o.seq} after them. */
    static final String STORED_COLUMNS = "o.json, o.date_added, o.source, o.location, o.imported_at, o.default_tlp, o.tlp,"
            + " o.id, o.type, o.version";
    private static final int SEQ_AFTER_STORED = 11;
    private static final String CURRENT_LISTS = "SELECT c.id, c.seq FROM current c WHERE NOT c.revoked"
            + " AND EXISTS (SELECT 1 FROM entries e WHERE e.list_seq = c.seq)";
    private static final String LIST_ENTRIES = "SELECT type, value, port, subdomains, comment, reference, line"
            + " FROM entries WHERE list_seq = ? ORDER BY ord";
    private static final int FETCH_SIZE = 2000;
    /** Ids per {@code IN (...)} of {@link #getAll}: well below SQLite's and PostgreSQL's parameter limits. */
    private static final int IN_LIST = 500;

    private final DataSource writer;
    private final DataSource readers;
    private final AutoCloseable pools;
    private final Dialect dialect;
    private final String name;

    /** Writes go to {@code writer}, queries to {@code readers} (the same pool on PostgreSQL); {@code pools} closes both. */
    JdbcStore(DataSource writer, DataSource readers, AutoCloseable pools, Dialect dialect, String name) {
        this.writer = writer;
        this.readers = readers;
        this.pools = pools;
        this.dialect = dialect;
        this.name = name;
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    @FunctionalInterface
    private interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    @FunctionalInterface
    private interface ConnectionSetup {
        void accept(Connection c) throws SQLException;
    }

    @FunctionalInterface
    private interface RowConsumer {
        void accept(ResultSet rs) throws SQLException;
    }

    @Override
    public PutResult put(Collection<StixObject> batch, Provenance provenance) {
        return write("put of " + batch.size() + " objects", c -> {
            PutResult result = new PutResult();
            new Put(c, dialect, provenance, Instant.now(), result).putAll(batch);
            return result;
        });
    }

    @Override
    public PutResult putList(StixObject list, Collection<IocEntry> entries, Provenance provenance) {
        for (IocEntry e : entries) {
            if (!list.id().equals(e.listId())) {
                throw new StoreException(name + ": entry '" + e.value() + "' (line " + e.line() + ") belongs to "
                        + e.listId() + ", not to the list being put, " + list.id());
            }
        }
        return write("put of list " + list.id(), c -> {
            PutResult result = new PutResult();
            Put put = new Put(c, dialect, provenance, Instant.now(), result);
            Put.Head before = put.head(list.id());
            put.putAll(List.of(list));
            Put.Head after = put.head(list.id());
            if (before == null || before.seq() != after.seq()) {
                if (before != null) {
                    try (PreparedStatement ps = c.prepareStatement("DELETE FROM entries WHERE list_seq = ?")) {
                        ps.setLong(1, before.seq());
                        ps.executeUpdate();
                    }
                }
                dialect.insertEntries(c, after.seq(), entries);
                result.countEntries(entries.size());
            }
            return result;
        });
    }

    @Override
    public Optional<StoredObject> get(String id) {
        return query("SELECT " + STORED_COLUMNS + " FROM current c JOIN objects o ON o.seq = c.seq WHERE c.id = ?",
                this::stored, id).stream().findFirst();
    }

    @Override
    public Map<String, StoredObject> getAll(Collection<String> ids) {
        Map<String, StoredObject> out = new HashMap<>();
        List<String> all = List.copyOf(new java.util.LinkedHashSet<>(ids));
        for (int from = 0; from < all.size(); from += IN_LIST) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + IN_LIST));
            String sql = "SELECT " + STORED_COLUMNS + " FROM current c JOIN objects o ON o.seq = c.seq WHERE c.id IN ("
                    + "?, ".repeat(chunk.size() - 1) + "?)";
            for (StoredObject s : query(sql, this::stored, chunk.toArray())) {
                out.put(s.object().id(), s);
            }
        }
        return out;
    }

    @Override
    public List<StoredObject> versions(String id) {
        return query("SELECT " + STORED_COLUMNS + " FROM objects o WHERE o.id = ? ORDER BY o.version_at, o.version",
                this::stored, id);
    }

    @Override
    public List<StixObject> byType(String type, int offset, int limit) {
        return query("SELECT o.json FROM current c JOIN objects o ON o.seq = c.seq"
                + " WHERE c.type = ? AND NOT c.revoked ORDER BY c.id LIMIT ? OFFSET ?",
                JdbcStore::object, type, limit, offset);
    }

    @Override
    public List<StixObject> lookup(String nameAliasOrExternalId) {
        String key = Indexing.key(nameAliasOrExternalId);
        List<StixObject> found = query("SELECT o.json FROM keys k JOIN objects o ON o.seq = k.seq"
                + " JOIN current c ON c.id = o.id AND c.seq = k.seq WHERE k.key = ? AND NOT c.revoked ORDER BY o.id",
                JdbcStore::object, key);
        if (found.isEmpty() && key.contains("--")) {
            // An id is its own key; STIX ids are lower case (STIX 2.1 §2.9).
            return query("SELECT o.json FROM current c JOIN objects o ON o.seq = c.seq WHERE c.id = ? AND NOT c.revoked",
                    JdbcStore::object, key);
        }
        return found;
    }

    @Override
    public List<StixObject> relationships(String id) {
        return query("SELECT o.json FROM edges e JOIN objects o ON o.seq = e.seq"
                + " JOIN current c ON c.id = o.id AND c.seq = e.seq"
                + " WHERE e.ref = ? AND NOT c.revoked ORDER BY o.id", JdbcStore::object, id);
    }

    @Override
    public List<StixObject> search(String text, String typeOrNull, int limit) {
        String match = dialect.matchQuery(text);
        if (match == null) {
            return List.of();
        }
        String sql = dialect.searchSql(typeOrNull != null);
        return typeOrNull == null
                ? query(sql, JdbcStore::object, match, limit)
                : query(sql, JdbcStore::object, match, typeOrNull, limit);
    }

    @Override
    public List<StoredObject> changesSince(Instant since, int limit) {
        return query("SELECT " + STORED_COLUMNS + " FROM objects o WHERE o.date_added > ?"
                + " ORDER BY o.date_added, o.seq LIMIT ?", this::stored, Indexing.micros(since), limit);
    }

    @Override
    public void forEachCurrent(String typeOrNull, Consumer<StoredObject> consumer) {
        String sql = "SELECT " + STORED_COLUMNS + " FROM current c JOIN objects o ON o.seq = c.seq WHERE NOT c.revoked"
                + (typeOrNull == null ? "" : " AND c.type = ?") + " ORDER BY c.id";
        stream(sql, rs -> consumer.accept(stored(rs)), typeOrNull == null ? new Object[0] : new Object[] {typeOrNull});
    }

    @Override
    public void forEachCurrentWithout(String type, String property, Consumer<StoredObject> consumer) {
        if (!property.matches("[A-Za-z0-9_]+")) {
            throw new IllegalArgumentException("not a property name: " + property);
        }
        String sql = "SELECT " + STORED_COLUMNS + " FROM current c JOIN objects o ON o.seq = c.seq WHERE NOT c.revoked"
                + " AND c.type = ? AND " + dialect.lacksPropertySql(property) + " ORDER BY c.id";
        stream(sql, rs -> consumer.accept(stored(rs)), type);
    }

    @Override
    public void page(PageQuery query, Consumer<PagedObject> consumer) {
        PageSql page = PageSql.of(query);
        streamPrepared(page.sql, query.ids().isEmpty() ? dialect::pinPagePlan : c -> { },
                rs -> consumer.accept(new PagedObject(stored(rs), rs.getLong(2), rs.getLong(SEQ_AFTER_STORED))), page.params);
    }

    @Override
    public void addMembers(String collection, Collection<String> ids) {
        write("adding " + ids.size() + " members to collection " + collection, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO collection_members (collection, id) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
                for (String id : ids) {
                    ps.setString(1, collection);
                    ps.setString(2, id);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    @Override
    public boolean removeMember(String collection, String id) {
        return write("removing " + id + " from collection " + collection, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM collection_members WHERE collection = ? AND id = ?")) {
                ps.setString(1, collection);
                ps.setString(2, id);
                return ps.executeUpdate() > 0;
            }
        });
    }

    @Override
    public List<IocEntry> entries(String listId) {
        List<IocEntry> out = new ArrayList<>();
        for (Object[] list : query(CURRENT_LISTS + " AND c.id = ?", JdbcStore::pair, listId)) {
            stream(LIST_ENTRIES, rs -> out.add(entry(listId, rs)), list[1]);
        }
        return out;
    }

    /** List by list in id order, so each list id is one String and rows carry only the entry's own columns. */
    @Override
    public void forEachEntry(Consumer<IocEntry> consumer) {
        for (Object[] list : query(CURRENT_LISTS + " ORDER BY c.id", JdbcStore::pair)) {
            String listId = (String) list[0];
            stream(LIST_ENTRIES, rs -> consumer.accept(entry(listId, rs)), list[1]);
        }
    }

    @Override
    public String entriesFingerprint() {
        StringBuilder lists = new StringBuilder(name);
        for (Object[] list : query(CURRENT_LISTS + " ORDER BY c.id", JdbcStore::pair)) {
            lists.append('\n').append(list[0]).append('@').append(list[1]);
        }
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(lists.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /** The greatest seq: a put takes its seqs and commits under the write lock, so this grows with every commit. */
    @Override
    public long revision() {
        return query("SELECT coalesce(max(seq), 0) FROM objects", rs -> rs.getLong(1)).getFirst();
    }

    @Override
    public List<StoredObject> changesAfter(long revision, int limit) {
        return query("SELECT " + STORED_COLUMNS + " FROM objects o WHERE o.seq > ? ORDER BY o.seq LIMIT ?",
                this::stored, revision, limit);
    }

    @Override
    public Stats stats() {
        Map<String, Long> byType = new TreeMap<>();
        for (Object[] row : query("SELECT type, count(*) FROM current WHERE NOT revoked GROUP BY type", JdbcStore::pair)) {
            byType.put((String) row[0], (Long) row[1]);
        }
        Map<String, Long> entriesByType = new TreeMap<>();
        long entries = 0;
        for (Object[] row : query("SELECT e.type, count(*) FROM current c JOIN entries e ON e.list_seq = c.seq"
                + " WHERE NOT c.revoked GROUP BY e.type", JdbcStore::pair)) {
            entriesByType.put(IocType.valueOf((String) row[0]).label(), (Long) row[1]);
            entries += (Long) row[1];
        }
        long actors = byType.getOrDefault("intrusion-set", 0L) + byType.getOrDefault("threat-actor", 0L);
        return new Stats(byType, actors, byType.getOrDefault("indicator", 0L) + entries, entriesByType);
    }

    @Override
    public void close() {
        try {
            pools.close();
        } catch (Exception e) {
            throw new StoreException(name + ": close failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return name;
    }

    private <T> T write(String what, Work<T> work) {
        try (Connection c = writer.getConnection()) {
            c.setAutoCommit(false);
            try {
                dialect.lockForWrite(c);
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException(name + ": " + what + " failed: " + e.getMessage(), e);
        }
    }

    private <T> List<T> query(String sql, RowReader<T> reader, Object... params) {
        try (Connection c = readers.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            List<T> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(reader.read(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException(name + ": query failed: " + e.getMessage(), e);
        }
    }

    /** Runs a query row by row with a bounded fetch size, so memory stays constant whatever the size. */
    private void stream(String sql, RowConsumer perRow, Object... params) {
        streamPrepared(sql, c -> { }, perRow, params);
    }

    /** As above, with {@code prepare} run on the connection first, inside the streaming transaction. */
    private void streamPrepared(String sql, ConnectionSetup prepare, RowConsumer perRow, Object... params) {
        try (Connection c = readers.getConnection()) {
            dialect.beginStreaming(c);
            try {
                prepare.accept(c);
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setFetchSize(FETCH_SIZE);
                    bind(ps, params);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            perRow.accept(rs);
                        }
                    }
                }
            } finally {
                if (!c.getAutoCommit()) {
                    c.rollback();
                }
            }
        } catch (SQLException e) {
            throw new StoreException(name + ": query failed: " + e.getMessage(), e);
        }
    }

    private static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
    }

    private static StixObject object(ResultSet rs) throws SQLException {
        return StixObject.parse(rs.getString(1));
    }

    private static Object[] pair(ResultSet rs) throws SQLException {
        return new Object[] {rs.getString(1), rs.getLong(2)};
    }

    /** The JSON is parsed only when needed ({@link StixObject#stored}): a TAXII page serves most objects as stored. */
    private StoredObject stored(ResultSet rs) throws SQLException {
        StixObject object = StixObject.stored(rs.getString(8), rs.getString(9), rs.getString(10), dialect.json(rs, 1));
        Instant dateAdded = Indexing.instant(rs.getLong(2));
        long importedAt = rs.getLong(5);
        Instant imported = rs.wasNull() ? null : Indexing.instant(importedAt);
        String defaultTlp = rs.getString(6);
        Provenance provenance = new Provenance(rs.getString(3), rs.getString(4), imported,
                defaultTlp == null ? null : Tlp.valueOf(defaultTlp));
        return new StoredObject(object, dateAdded, provenance, Tlp.valueOf(rs.getString(7)));
    }

    private static IocEntry entry(String listId, ResultSet rs) throws SQLException {
        return new IocEntry(listId, IocType.valueOf(rs.getString(1)), rs.getString(2), rs.getInt(3),
                rs.getBoolean(4), rs.getString(5), rs.getString(6), rs.getLong(7));
    }
}
