package org.threatledger.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The contract against PostgreSQL, when {@code -Dpg.url=jdbc:postgresql://host/db?user=...} is
 * given. Each test gets its own schema, dropped afterwards.
 */
@EnabledIfSystemProperty(named = "pg.url", matches = ".+")
class PostgresStoreTest extends KnowledgeStoreContract {
    private String schema;

    @Override
    @BeforeEach
    void openStore() {
        schema = "tl_test_" + UUID.randomUUID().toString().replace("-", "");
        sql("CREATE SCHEMA " + schema);
        super.openStore();
    }

    @Override
    @AfterEach
    void closeStore() {
        super.closeStore();
        sql("DROP SCHEMA " + schema + " CASCADE");
    }

    @Override
    protected String location() {
        String url = System.getProperty("pg.url");
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    private static void sql(String statement) {
        try (Connection c = DriverManager.getConnection(System.getProperty("pg.url"));
             Statement s = c.createStatement()) {
            s.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(statement + ": " + e.getMessage(), e);
        }
    }
}
