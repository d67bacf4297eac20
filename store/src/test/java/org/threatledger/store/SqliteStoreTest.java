package org.threatledger.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The contract against the embedded SQLite store, one fresh data directory per test. */
class SqliteStoreTest extends KnowledgeStoreContract {
    @TempDir
    Path home;

    @Override
    protected String location() {
        return home.toString();
    }
}
