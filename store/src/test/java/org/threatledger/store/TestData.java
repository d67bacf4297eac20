package org.threatledger.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.threatledger.stix.BundleReader;
import org.threatledger.stix.IocEntry;
import org.threatledger.stix.IocType;
import org.threatledger.stix.StixObject;

/** The shared test data, read once per JVM, and small builders for synthetic objects. */
final class TestData {
    static final String APT1 = "intrusion-set--6a2e693f-24e5-451a-9f88-b36a108e5662";
    static final String ROVER = "malware--6b616fc1-1505-48e3-8b2c-0d19337bff38";
    static final String IDENTITY = "identity--c78cb6e5-0c4b-4611-8297-d1b8b55e40b5";
    static final Provenance ATTACK = new Provenance("mitre-attack", "enterprise-attack-18.1.stix20.json.gz",
            Instant.parse("2026-01-01T00:00:00Z"), null);
    private static List<StixObject> attack;

    private TestData() {
    }

    static Path shared() {
        String dir = System.getProperty("shared.data");
        return Path.of(dir == null ? "../../shared/data" : dir);
    }

    /** The 24,771 objects of ATT&CK Enterprise 18.1. */
    static synchronized List<StixObject> attack() {
        if (attack == null) {
            attack = List.copyOf(read(shared().resolve("mitre-attack/enterprise-attack-18.1.stix20.json.gz")));
        }
        return attack;
    }

    /** Every object of a STIX file (gzipped or not); a read problem fails the test. */
    static List<StixObject> read(Path file) {
        List<StixObject> out = new ArrayList<>();
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw) {
            BundleReader.read(in, file.toString(), out::add, p -> {
                throw new AssertionError(p.toString());
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Every object of python-stix2's FileSystemStore test data (31 files, several versions per object). */
    static List<StixObject> pythonStix2Store() {
        try (Stream<Path> files = Files.walk(shared().resolve("stix21-examples/python-stix2-v21-store"))) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted()
                    .flatMap(p -> read(p).stream()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A minimal SDO with a name and the given version; {@code extra} is more JSON members, or empty. */
    static StixObject sdo(String id, String modified, String name, String extra) {
        String type = id.substring(0, id.indexOf("--"));
        return StixObject.parse("{\"type\":\"" + type + "\",\"spec_version\":\"2.1\",\"id\":\"" + id + "\","
                + "\"created\":\"2020-01-01T00:00:00.000Z\",\"modified\":\"" + modified + "\","
                + "\"name\":\"" + name + "\"" + (extra.isEmpty() ? "" : "," + extra) + "}");
    }

    static StixObject list(String id, String modified) {
        return sdo(id, modified, "list " + id, "\"x_threatledger_source\":\"test\"");
    }

    static List<IocEntry> domains(String listId, String prefix, int n) {
        List<IocEntry> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new IocEntry(listId, IocType.DOMAIN, prefix + i + ".example", -1, i % 2 == 0, "c" + i, null, i + 1));
        }
        return out;
    }
}
