package org.threatledger.ingest.misp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.threatledger.ingest.FeedInput;
import org.threatledger.ingest.ImportOptions;
import org.threatledger.ingest.ImportSink;
import org.threatledger.ingest.Importer;
import org.threatledger.ingest.Rejection;
import org.threatledger.stix.IocEntry;
import org.threatledger.stix.StixObject;

/** What an importer passed to its sink, in order. */
final class Collected implements ImportSink {
    static final Path DATA = Path.of(System.getProperty("shared.data", "../../shared/data"));
    static final ImportOptions OPTIONS = new ImportOptions("test", null, null, false, Instant.parse("2026-01-01T00:00:00Z"));

    final List<StixObject> objects = new ArrayList<>();
    final List<Rejection> rejections = new ArrayList<>();
    final List<Rejection> warnings = new ArrayList<>();

    @Override
    public void object(StixObject object) {
        objects.add(object);
    }

    @Override
    public void entry(IocEntry entry) {
        throw new AssertionError("MISP importers make no list entries: " + entry);
    }

    @Override
    public void reject(Rejection rejection) {
        rejections.add(rejection);
    }

    @Override
    public void warn(Rejection warning) {
        warnings.add(warning);
    }

    List<StixObject> ofType(String type) {
        return objects.stream().filter(o -> o.type().equals(type)).toList();
    }

    StixObject byId(String id) {
        return objects.stream().filter(o -> o.id().equals(id)).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no object " + id));
    }

    static Collected read(Importer importer, Path file) {
        return read(importer, file, OPTIONS);
    }

    static Collected read(Importer importer, Path file, ImportOptions options) {
        Collected c = new Collected();
        FeedInput input = new FeedInput(file.toString(), () -> {
            InputStream in = Files.newInputStream(file);
            return file.toString().endsWith(".gz") ? new GZIPInputStream(in) : in;
        });
        try {
            importer.read(input, options, c);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return c;
    }

    static Collected read(Importer importer, String name, String json) {
        Collected c = new Collected();
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        try {
            importer.read(new FeedInput(name, () -> new ByteArrayInputStream(bytes)), OPTIONS, c);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return c;
    }

    static Path event(String relative) {
        return DATA.resolve("misp-events").resolve(relative);
    }

    static Path cluster(String name) {
        return DATA.resolve("misp-galaxy/clusters").resolve(name);
    }
}
