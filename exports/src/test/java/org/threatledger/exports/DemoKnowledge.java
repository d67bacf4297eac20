package org.threatledger.exports;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.threatledger.ingest.FeedInput;
import org.threatledger.ingest.ImportOptions;
import org.threatledger.ingest.ImportSink;
import org.threatledger.ingest.Importer;
import org.threatledger.ingest.Rejection;
import org.threatledger.ingest.StixImporter;
import org.threatledger.ingest.lists.IocListImporter;
import org.threatledger.ingest.misp.MispEventImporter;
import org.threatledger.stix.Ids;
import org.threatledger.stix.IocEntry;
import org.threatledger.stix.StixJson;
import org.threatledger.stix.StixObject;
import org.threatledger.stix.Tlp;
import org.threatledger.store.KnowledgeStore;
import org.threatledger.store.Provenance;
import org.threatledger.store.Stores;

/**
 * The small fixed knowledge base of the export tests: the demo data (actors bundle, APT29 MISP
 * event, APT10 trails; imported as the {@code demo} command does, GREEN, trails with subdomains) plus
 * hand-made APT10 indicators of every TLP and shape, and a RED list. Everything is dated, so every
 * export of it is byte-for-byte the same.
 */
final class DemoKnowledge {
    static final Instant IMPORTED = Instant.parse("2026-02-01T12:00:00Z");
    static final String APT10 = "intrusion-set--270b3921-9031-5934-8b12-052f949cadc3";
    static final String HANDMADE = "handmade";

    /** Values by TLP among the hand-made ones. */
    static final String STRICT_DOMAIN = "strict-only.example.net";
    static final String RED_ADDRESS = "192.0.2.66";
    static final String RED_LIST_DOMAIN = "red-list-only.example";
    static final String CLEAR_URL = "http://clear.example.com/payload.bin";
    static final String GREEN_CIDR = "198.51.100.0/24";
    static final String UNMARKED_SHA1 = "3f786850e387550fdab836ed7e6dc881de23001b";

    private DemoKnowledge() {}

    static KnowledgeStore open(Path home) {
        KnowledgeStore store = Stores.embedded(home);
        load(store, new StixImporter(), "actors.stix.json", Tlp.GREEN);
        load(store, new MispEventImporter(), "apt29-misp-event.json", Tlp.GREEN);
        load(store, new IocListImporter(), "apt10-trails.txt", Tlp.GREEN);
        loadText(store, "red-list.txt", "# Aliases: apt10\n" + RED_LIST_DOMAIN + "\n", Tlp.RED);
        store.put(handmade(), new Provenance(HANDMADE, "DemoKnowledge.java", IMPORTED, null));
        return store;
    }

    private static List<StixObject> handmade() {
        List<StixObject> out = new ArrayList<>();
        indicator(out, "strict", "[domain-name:value = '" + STRICT_DOMAIN + "']", Tlp.AMBER_STRICT, null);
        indicator(out, "red", "[ipv4-addr:value = '" + RED_ADDRESS + "']", Tlp.RED, null);
        indicator(out, "clear", "[url:value = '" + CLEAR_URL + "']", Tlp.CLEAR, 90);
        indicator(out, "green-cidr", "[ipv4-addr:value ISSUBSET '" + GREEN_CIDR + "']", Tlp.GREEN, 75);
        indicator(out, "unmarked", "[file:hashes.'SHA-1' = '" + UNMARKED_SHA1.toUpperCase(java.util.Locale.ROOT) + "']", null, 40);
        indicator(out, "file-or-cert", "[file:name = 'invoice.scr'] OR [x509-certificate:hashes.'SHA-1' = "
                + "'aabbccddeeff00112233445566778899aabbccdd']", Tlp.GREEN, 60);
        indicator(out, "wildcard", "[domain-name:value LIKE '%.wild.example']", Tlp.GREEN, 60);
        indicator(out, "complex", "[file:name = 'x.exe' AND file:size = 3]", Tlp.GREEN, 60);
        indicator(out, "port", "[network-traffic:dst_ref.value = '203.0.113.5' AND network-traffic:dst_port = 4444]", Tlp.GREEN, 60);
        return out;
    }

    private static void indicator(List<StixObject> out, String name, String pattern, Tlp tlp, Integer confidence) {
        ObjectNode o = StixJson.object();
        String id = Ids.derived("indicator", "export-test", name);
        o.put("type", "indicator").put("spec_version", "2.1").put("id", id);
        o.put("created", "2026-01-10T00:00:00.000Z").put("modified", "2026-01-10T00:00:00.000Z");
        o.put("name", "Hand-made " + name + " indicator of APT10");
        o.put("pattern", pattern).put("pattern_type", "stix").put("valid_from", "2026-01-10T00:00:00.000Z");
        if (confidence != null) {
            o.put("confidence", confidence);
        }
        if (tlp != null) {
            o.putArray("object_marking_refs").add(tlp.markingId());
        }
        out.add(StixObject.of(o));
        ObjectNode r = StixJson.object();
        r.put("type", "relationship").put("spec_version", "2.1").put("id", Ids.derived("relationship", id, "indicates", APT10));
        r.put("created", "2026-01-10T00:00:00.000Z").put("modified", "2026-01-10T00:00:00.000Z");
        r.put("relationship_type", "indicates").put("source_ref", id).put("target_ref", APT10);
        r.putArray("object_marking_refs").add((tlp == null ? Tlp.GREEN : tlp).markingId());
        out.add(StixObject.of(r));
    }

    private static void load(KnowledgeStore store, Importer importer, String file, Tlp tlp) {
        run(store, importer, new FeedInput(file, () -> resource(file)), tlp);
    }

    private static void loadText(KnowledgeStore store, String name, String text, Tlp tlp) {
        run(store, new IocListImporter(), new FeedInput(name,
                () -> new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))), tlp);
    }

    private static InputStream resource(String file) {
        InputStream in = DemoKnowledge.class.getResourceAsStream("/demo/" + file);
        if (in == null) {
            throw new IllegalStateException("test resource /demo/" + file + " is missing");
        }
        return in;
    }

    private static void run(KnowledgeStore store, Importer importer, FeedInput input, Tlp tlp) {
        Collected c = new Collected();
        try {
            importer.read(input, new ImportOptions("demo", tlp, null, true, IMPORTED), c);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!c.rejected.isEmpty()) {
            throw new IllegalStateException("demo data rejected: " + c.rejected);
        }
        Provenance p = new Provenance("demo", input.name(), IMPORTED, tlp);
        List<StixObject> objects = new ArrayList<>();
        for (StixObject o : c.objects) {
            if (o.type().equals(ObjectSelection.LIST_TYPE)) {
                store.putList(o, c.entries, p);
            } else {
                objects.add(o);
            }
        }
        store.put(objects, p);
    }

    /** Collects what an importer reads. */
    private static final class Collected implements ImportSink {
        final List<StixObject> objects = new ArrayList<>();
        final List<IocEntry> entries = new ArrayList<>();
        final List<Rejection> rejected = new ArrayList<>();

        @Override
        public void object(StixObject object) {
            objects.add(object);
        }

        @Override
        public void entry(IocEntry entry) {
            entries.add(entry);
        }

        @Override
        public void reject(Rejection rejection) {
            rejected.add(rejection);
        }

        @Override
        public void warn(Rejection warning) {
            // warnings (e.g. unmapped MISP parts) do not change what the exports see
        }
    }
}
