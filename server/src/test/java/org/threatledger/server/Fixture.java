package org.threatledger.server;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.threatledger.stix.Ids;
import org.threatledger.stix.StixObject;
import org.threatledger.stix.Tlp;
import org.threatledger.store.KnowledgeStore;
import org.threatledger.store.Provenance;
import org.threatledger.store.Stores;
import org.threatledger.taxii.Authenticator;
import org.threatledger.taxii.CollectionDefinition;
import org.threatledger.taxii.DisclosureLog;
import org.threatledger.taxii.Partner;
import org.threatledger.taxii.SharingConfig;

/** A real server on loopback over a real SQLite store in a temporary home (and its hunt history), with partners and collections. */
final class Fixture implements AutoCloseable {
    static final String SECRET = "correct-horse-battery-staple";
    static final Provenance TEST = new Provenance("test", "fixture", Instant.parse("2026-01-01T00:00:00Z"), null);

    final Path home;
    final KnowledgeStore store;
    final DisclosureLog log;
    final SharingConfig config;
    final TaxiiServer server;

    Fixture(Path home, List<CollectionDefinition> collections, List<Partner> partners, int maxFailedAuth, long maxContent) {
        this.home = home;
        this.store = Stores.embedded(home);
        this.log = new DisclosureLog(home.resolve("disclosures.log"));
        SharingConfig c = SharingConfig.initial();
        for (CollectionDefinition col : collections) {
            c = c.withCollection(col);
        }
        for (Partner p : partners) {
            c = c.withPartner(p);
        }
        this.config = new SharingConfig(c.title(), c.description(), c.contact(), c.apiRoots(), c.collections(),
                c.partners(), c.defaultTlp(), maxContent, null, null, maxFailedAuth, 60, c.cursorSecret());
        this.server = TaxiiServer.start("127.0.0.1", 0, config, store, log, home.resolve("history"));
    }

    /** One collection {@code all} in the root {@code intel}, read by partner {@code acme} (up to AMBER). */
    static Fixture oneCollection(Path home) {
        return new Fixture(home, List.of(new CollectionDefinition("all", "intel", "All", null, "all")),
                List.of(partner("acme", Tlp.AMBER, List.of("all"), List.of())), 10, 1 << 20);
    }

    static Partner partner(String name, Tlp max, boolean ownOrg, List<String> read, List<String> write,
                           Set<Partner.Redaction> redactions) {
        return new Partner(name, HASH, max, read, write, ownOrg, false, redactions);
    }

    static Partner partner(String name, Tlp max, List<String> read, List<String> write) {
        return partner(name, max, false, read, write, EnumSet.noneOf(Partner.Redaction.class));
    }

    private static final String HASH = Authenticator.hash(SECRET);

    SpecClient client(String partner) {
        return new SpecClient(server.port(), partner, SECRET);
    }

    /** A valid indicator with a derived id, marked at {@code tlp} (null: unmarked). */
    static StixObject indicator(String key, Tlp tlp) {
        String id = Ids.derived("indicator", "fixture", key);
        String marking = tlp == null ? "" : ",\"object_marking_refs\":[\"" + tlp.markingId() + "\"]";
        return StixObject.parse("{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"" + id + "\","
                + "\"created\":\"2024-01-01T00:00:00.000Z\",\"modified\":\"2024-01-01T00:00:00.000Z\","
                + "\"name\":\"" + key + "\",\"pattern_type\":\"stix\","
                + "\"pattern\":\"[domain-name:value = '" + key + ".example']\",\"valid_from\":\"2024-01-01T00:00:00Z\""
                + marking + "}");
    }

    static List<StixObject> indicators(String prefix, int n, Tlp tlp) {
        List<StixObject> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(indicator(prefix + i, tlp));
        }
        return out;
    }

    @Override
    public void close() {
        server.close();
        store.close();
    }
}
