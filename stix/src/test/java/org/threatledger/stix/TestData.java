package org.threatledger.stix;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** The shared real data (README.md of /work/shared/data) and a reader that keeps everything it reports. */
final class TestData {
    private TestData() {}

    static Path root() {
        return Path.of(System.getProperty("shared.data"));
    }

    /** What one read gave: the objects and the problems. */
    record Read(List<StixObject> objects, List<ReadProblem> problems) {}

    static Read read(Path file) {
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw) {
            return read(in, file.getFileName().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Read read(InputStream in, String source) {
        List<StixObject> objects = new ArrayList<>();
        List<ReadProblem> problems = new ArrayList<>();
        BundleReader.read(in, source, objects::add, problems::add);
        return new Read(objects, problems);
    }

    static Read read(String json) {
        return read(new java.io.ByteArrayInputStream(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)), "test.json");
    }

    /**
     * Every STIX JSON file of the valid example sets: the schema repo's examples, cti-documentation,
     * the python-stix2 store and attack-flow (without its JSON schema, which is not STIX).
     */
    static List<Path> validExampleFiles() {
        Path ex = root().resolve("stix21-examples");
        List<Path> out = new ArrayList<>();
        for (Path dir : List.of(root().resolve("stix21-schemas/examples"), ex.resolve("cti-documentation"),
                ex.resolve("python-stix2-v21-store"), ex.resolve("attack-flow"))) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.filter(p -> p.toString().endsWith(".json"))
                        .filter(p -> !p.getFileName().toString().equals("attack-flow-schema-2.0.0.json"))
                        .sorted().forEach(out::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }
}
