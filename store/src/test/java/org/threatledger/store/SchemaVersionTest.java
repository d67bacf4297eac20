package org.threatledger.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening skips Flyway only when the schema is at the newest version this build ships. */
class SchemaVersionTest {
    @TempDir
    Path home;

    @Test
    void theVersionOpeningTrusts_isTheNewestMigrationOfEachDatabase() throws IOException, URISyntaxException {
        for (String dialect : new String[] {"sqlite", "postgresql"}) {
            Path dir = Path.of(getClass().getClassLoader().getResource("db/migration/" + dialect).toURI());
            try (Stream<Path> files = Files.list(dir)) {
                int newest = files.map(p -> p.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                        .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).max().orElseThrow();
                assertThat(Stores.SCHEMA_VERSION).as(dialect).isEqualTo(newest);
            }
        }
    }

    @Test
    void aStoreOfAnOlderSchema_isMigratedWhenOpened() throws SQLException {
        Path file = home.resolve(Stores.EMBEDDED_FILE);
        Flyway.configure().dataSource("jdbc:sqlite:" + file, null, null).locations("classpath:db/migration/sqlite")
                .target("1").load().migrate();
        assertThat(tables(file)).as("at version 1").doesNotContain("collection_members");

        try (KnowledgeStore store = Stores.embedded(home)) {
            assertThat(store.stats().byType()).isEmpty();
        }
        assertThat(tables(file)).contains("collection_members");
        try (KnowledgeStore store = Stores.embedded(home)) {
            assertThat(store.stats().byType()).as("a current schema opens as it is").isEmpty();
        }
    }

    private static String tables(Path file) throws SQLException {
        StringBuilder names = new StringBuilder();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             ResultSet rs = c.createStatement().executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
            while (rs.next()) {
                names.append(rs.getString(1)).append(' ');
            }
        }
        return names.toString();
    }
}
