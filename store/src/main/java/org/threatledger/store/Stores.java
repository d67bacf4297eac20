package org.threatledger.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;

/**
 * Opens a knowledge store: the embedded SQLite file under the data directory, or a PostgreSQL
 * database. Either way the schema is brought up to date with Flyway before the store is returned.
 */
public final class Stores {
    /** The file of the embedded store inside the data directory. */
    public static final String EMBEDDED_FILE = "knowledge.db";
    /** Read connections of the embedded store: enough to keep both cores busy while others wait on I/O. */
    static final int READERS = 4;

    private Stores() {
    }

    /** A PostgreSQL JDBC URL opens that database; anything else is the data directory of an embedded store. */
    public static KnowledgeStore open(String urlOrHome) {
        return urlOrHome.startsWith("jdbc:postgresql:") ? postgres(urlOrHome) : embedded(Path.of(urlOrHome));
    }

    /**
     * The embedded store {@code <home>/knowledge.db}, created when missing: SQLite in WAL mode with
     * {@code synchronous=NORMAL} (a committed put survives a killed process; an operating-system
     * crash may lose the last puts but never corrupts the file). One connection writes, so writers
     * are serialised and sequence numbers can come from {@code max(seq)}; reads go through a pool of
     * {@link #READERS} read-only connections, which WAL lets run beside the writer and each other
     * (concurrent TAXII clients would otherwise queue on the one connection).
     */
    public static KnowledgeStore embedded(Path home) {
        Path file = home.resolve(EMBEDDED_FILE).toAbsolutePath();
        try {
            Files.createDirectories(home);
        } catch (java.io.IOException e) {
            throw new StoreException("cannot create the data directory " + home + ": " + e.getMessage(), e);
        }
        String name = "embedded store " + file;
        HikariConfig config = sqlite(file, "threatledger-sqlite", 1);
        config.addDataSourceProperty("journal_mode", "WAL");
        config.addDataSourceProperty("synchronous", "NORMAL");
        config.addDataSourceProperty("cache_size", "-65536");
        // Checkpoint every 64 MB of WAL instead of every 4 MB: an ATT&CK import (about 50 MB) then
        // copies pages into the file and syncs once, at close, instead of after every batch.
        config.setConnectionInitSql("PRAGMA wal_autocheckpoint = 16384");
        HikariDataSource writer = open(config, new SqliteDialect(), name);
        HikariConfig read = sqlite(file, "threatledger-sqlite-read", READERS);
        read.addDataSourceProperty("open_mode", "1"); // SQLITE_OPEN_READONLY
        read.setReadOnly(true);
        read.addDataSourceProperty("cache_size", "-16384");
        read.setMinimumIdle(1);
        HikariDataSource readers;
        try {
            readers = new HikariDataSource(read);
        } catch (RuntimeException e) {
            writer.close();
            throw new StoreException(name + ": cannot open read connections: " + e.getMessage(), e);
        }
        return new JdbcStore(writer, readers, () -> {
            readers.close();
            writer.close();
        }, new SqliteDialect(), name);
    }

    private static HikariConfig sqlite(Path file, String poolName, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:sqlite:" + file);
        config.setPoolName(poolName);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(1);
        config.addDataSourceProperty("busy_timeout", "10000");
        config.addDataSourceProperty("temp_store", "MEMORY");
        return config;
    }

    /** A PostgreSQL store at this JDBC URL (the user, password and {@code currentSchema} go in the URL). */
    public static KnowledgeStore postgres(String jdbcUrl) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setPoolName("threatledger-postgresql");
        config.setMaximumPoolSize(8);
        config.setMinimumIdle(1);
        // Multi-row INSERTs for the batches whose update counts are not needed (see Put.insertObjects).
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        String name = "PostgreSQL store " + redacted(jdbcUrl);
        HikariDataSource pool = open(config, new PostgresDialect(), name);
        return new JdbcStore(pool, pool, pool, new PostgresDialect(), name);
    }

    /** A pool with the schema brought up to date. */
    private static HikariDataSource open(HikariConfig config, Dialect dialect, String name) {
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreException(name + ": cannot connect: " + e.getMessage(), e);
        }
        try {
            if (!isCurrent(pool)) {
                // Through SLF4J like HikariCP, so the application decides what a user sees.
                Flyway.configure().loggers("slf4j").dataSource(pool).locations(dialect.migrations()).load().migrate();
            }
        } catch (RuntimeException e) {
            pool.close();
            throw new StoreException(name + ": schema migration failed: " + e.getMessage(), e);
        }
        return pool;
    }

    /** The newest schema version this build's migrations create (a test keeps it equal to the files). */
    static final int SCHEMA_VERSION = 2;

    /**
     * Whether Flyway's history says the schema is at {@link #SCHEMA_VERSION} with no failed step:
     * then opening skips Flyway, whose check cost about 0.1 s of every command. Any doubt (no such
     * table, a newer or older version, a failed step) leaves the decision to Flyway.
     */
    private static boolean isCurrent(HikariDataSource pool) {
        try (java.sql.Connection c = pool.getConnection();
             java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT version, success FROM flyway_schema_history"
                     + " WHERE version IS NOT NULL")) {
            int newest = 0;
            while (rs.next()) {
                if (!rs.getBoolean(2)) {
                    return false;
                }
                newest = Math.max(newest, Integer.parseInt(rs.getString(1)));
            }
            return newest == SCHEMA_VERSION;
        } catch (java.sql.SQLException | NumberFormatException e) {
            return false;
        }
    }

    /** The URL without its query string, so a password never reaches a message. */
    private static String redacted(String jdbcUrl) {
        int q = jdbcUrl.indexOf('?');
        return q < 0 ? jdbcUrl : jdbcUrl.substring(0, q);
    }
}
