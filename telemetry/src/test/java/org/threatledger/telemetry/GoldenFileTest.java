package org.threatledger.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.threatledger.match.Observation;

/**
 * A few lines of each log type in, the expected observations out, side by side under
 * src/test/resources/golden/CASE (input, optional mapping.properties, expected.txt).
 * Regenerate after a deliberate change with {@code -Dgolden.update=true}, then review the diff.
 */
class GoldenFileTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");

    @ParameterizedTest
    @ValueSource(strings = {"dns", "http", "conn-json", "ssl-json", "x509", "files", "smtp", "squid", "jsonl", "csv", "zeek-mapped"})
    void logLines_giveTheExpectedObservations(String name) throws IOException {
        Path dir = GOLDEN.resolve(name);
        Path input;
        try (Stream<Path> files = Files.list(dir)) {
            input = files.filter(p -> !p.getFileName().toString().equals("expected.txt")
                    && !p.getFileName().toString().endsWith(".properties")).findFirst().orElseThrow();
        }
        TelemetryOptions options = TelemetryOptions.defaults();
        Path mapping = dir.resolve("mapping.properties");
        if (Files.exists(mapping)) {
            options = options.withMapping(FieldMapping.load(mapping));
        }
        Collected c = Collected.read(options, input);
        String actual = render(c);
        Path expected = dir.resolve("expected.txt");
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(expected, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));
    }

    private static String render(Collected c) {
        List<String> lines = new ArrayList<>();
        for (Observation o : c.observations()) {
            lines.add("line " + o.line() + ": " + o.type() + " " + o.value() + (o.port() >= 0 ? " port " + o.port() : "")
                    + " @" + o.where() + " at " + Instant.EPOCH.plusNanos(o.timeMicros() * 1000)
                    + " uid " + o.uid() + " sensor " + o.sensor());
        }
        FileStats s = c.only();
        lines.add("# " + s.format() + ": lines " + s.lines() + ", records " + s.records() + ", observations "
                + s.observations() + ", errors " + new TreeMap<>(s.errors()) + ", skipped " + new TreeMap<>(s.skipped()));
        return String.join("\n", lines) + "\n";
    }
}
