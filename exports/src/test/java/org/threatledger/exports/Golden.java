package org.threatledger.exports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files under {@code src/test/resources/golden}: the expected output of an export, compared
 * byte for byte. Run with {@code -Dgolden.update=true} to rewrite them after an intended change, then
 * review the diff.
 */
final class Golden {
    private static final Path DIR = Path.of("src", "test", "resources", "golden");

    private Golden() {}

    static void assertMatches(String actual, String name) throws IOException {
        Path expected = DIR.resolve(name);
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(expected.getParent());
            Files.writeString(expected, actual, StandardCharsets.UTF_8);
        }
        assertThat(expected).as("golden file %s (run with -Dgolden.update=true to create it)", expected).exists();
        assertThat(actual).as("export compared with %s", expected).isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));
    }
}
