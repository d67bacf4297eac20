package org.threatledger.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import org.threatledger.stix.IocEntry;

/**
 * What differs between the SQLite and the PostgreSQL store: migrations, how sequence numbers are
 * handed out, how JSON and full text are stored and searched, and the fast path for list entries.
 * Everything else is the same SQL, in {@link JdbcStore} and {@link Put}.
 */
interface Dialect {

    /** The Flyway location of this dialect's migrations. */
    String migrations();

    /** Serialises writers for the rest of the transaction (several processes may share a PostgreSQL store). */
    void lockForWrite(Connection c) throws SQLException;

    /** Reserves {@code n} fresh, increasing {@code objects.seq} values. */
    long[] reserveSeqs(Connection c, int n) throws SQLException;

    /** Insert into objects; parameters: seq, id, version, version_at, type, date_added, source, location, imported_at, default_tlp, tlp, json. */
    String insertObjectSql();

    /** Insert into the full-text index; parameters: seq, name, aliases, description. */
    String insertSearchSql();


    /**
     * A search over current objects, best first, selecting {@link JdbcStore#STORED_COLUMNS};
     * parameters: the {@link #matchQuery} text, then the type when {@code typed}, then the limit.
     */
    String searchSql(boolean typed);

    /** The user's words as this dialect's full-text query (all words must occur), or null when there are none. */
    String matchQuery(String text);

    /**
     * A condition true when the object in {@code objects o} has no top-level property
     * {@code property} (a name of letters, digits and underscores, checked by the caller).
     */
    String lacksPropertySql(String property);

    /** Inserts the entries of one list version. */
    void insertEntries(Connection c, long listSeq, Collection<IocEntry> entries) throws SQLException;

    /** The stored JSON of an object, in UTF-8, from this column. */
    byte[] json(ResultSet rs, int column) throws SQLException;

    /**
     * Makes the next page query of this transaction ({@link PageSql}, no id filter) run as it is
     * written: an index walk in {@code (date_added, seq)} order that stops at the limit.
     */
    void pinPagePlan(Connection c) throws SQLException;

    /** Prepares a connection to stream a large result (PostgreSQL needs a transaction and a fetch size). */
    void beginStreaming(Connection c) throws SQLException;
}
