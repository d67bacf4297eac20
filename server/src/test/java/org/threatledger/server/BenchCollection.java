package org.threatledger.server;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.threatledger.stix.StixObject;
import org.threatledger.stix.Tlp;
import org.threatledger.store.KnowledgeStore;
import org.threatledger.store.Provenance;

/**
 * The benchmark's collection: {@code n} objects shaped like a real intelligence feed, every one a
 * pure function of its index, so a store built once can be reused and the number a partner may
 * see is known without reading it back.
 *
 * <p>Mix by index: 70% indicators, 20% relationships (an indicator {@code indicates} a malware; an
 * intrusion set {@code uses} a malware), 5% malware, 5% intrusion sets; every object is
 * {@code created_by_ref} one identity (index 0). TLP: 2% RED, 8% AMBER, 20% CLEAR, 70% GREEN, so a
 * partner allowed up to AMBER is refused the RED ones and every relationship that points at one
 * (the reference itself would disclose it), and each relationship costs reference checks.
 * Objects are put in batches of {@link #BATCH}, so 10,000 versions share each {@code date_added}.
 */
final class BenchCollection {
    static final int BATCH = 10_000;
    static final Provenance SOURCE = new Provenance("bench", "taxii-bench", null, null);
    private static final String IDENTITY = "identity--" + uuid(0);

    private BenchCollection() {
    }

    /** Puts objects {@code [0, n)} into an empty store; returns the seconds it took. */
    static double load(KnowledgeStore store, int n) {
        long t0 = System.nanoTime();
        for (int start = 0; start < n; start += BATCH) {
            List<StixObject> batch = new ArrayList<>(BATCH);
            for (int i = start; i < Math.min(n, start + BATCH); i++) {
                batch.add(StixObject.parse(json(i)));
            }
            store.put(batch, SOURCE);
            if ((start / BATCH) % 10 == 9) {
                System.out.printf("  loaded %,d of %,d objects (%.0f s)%n", start + BATCH, n, (System.nanoTime() - t0) / 1e9);
            }
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /** How many of objects {@code [0, n)} a partner allowed {@code CLEAR..AMBER} receives. */
    static int visible(int n) {
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (tlp(i) != Tlp.RED && refs(i, n).stream().allMatch(r -> tlp(r) != Tlp.RED)) {
                count++;
            }
        }
        return count;
    }

    private static String json(int i) {
        if (i == 0) {
            return "{\"type\":\"identity\",\"spec_version\":\"2.1\",\"id\":\"" + IDENTITY + "\","
                    + "\"created\":\"2025-01-01T00:00:00.000Z\",\"modified\":\"2025-01-01T00:00:00.000Z\","
                    + "\"name\":\"Benchmark CERT\",\"identity_class\":\"organization\",\"sectors\":[\"technology\"],"
                    + "\"object_marking_refs\":[\"" + Tlp.GREEN.markingId() + "\"]}";
        }
        String common = "\"spec_version\":\"2.1\",\"id\":\"" + id(i) + "\",\"created_by_ref\":\"" + IDENTITY + "\","
                + "\"created\":\"2025-03-01T10:00:00.000Z\",\"modified\":\"2025-03-0" + (1 + i % 9) + "T10:00:00."
                + String.format("%03d", i % 1000) + "Z\",\"object_marking_refs\":[\"" + tlp(i).markingId() + "\"]";
        return switch (kind(i)) {
            case "indicator" -> "{\"type\":\"indicator\"," + common + ",\"name\":\"C2 domain " + i + "\","
                    + "\"description\":\"Command-and-control domain seen in a spear-phishing campaign against the"
                    + " energy sector; resolves to a VPS provider.\",\"indicator_types\":[\"malicious-activity\"],"
                    + "\"pattern\":\"[domain-name:value = 'c2-" + i + ".bench.example']\",\"pattern_type\":\"stix\","
                    + "\"valid_from\":\"2025-03-01T10:00:00Z\",\"labels\":[\"c2\",\"apt\"],\"confidence\":80}";
            case "malware" -> "{\"type\":\"malware\"," + common + ",\"name\":\"Backdoor " + i + "\","
                    + "\"description\":\"Modular backdoor with HTTP and DNS transports.\",\"is_family\":true,"
                    + "\"malware_types\":[\"backdoor\",\"remote-access-trojan\"]}";
            case "intrusion-set" -> "{\"type\":\"intrusion-set\"," + common + ",\"name\":\"Bench Panda " + i + "\","
                    + "\"description\":\"State-sponsored espionage group.\",\"aliases\":[\"Group " + i + "\"],"
                    + "\"goals\":[\"espionage\"],\"primary_motivation\":\"organizational-gain\"}";
            default -> {
                List<Integer> r = refs(i, Integer.MAX_VALUE);
                String relType = kind(r.get(0)).equals("indicator") ? "indicates" : "uses";
                yield "{\"type\":\"relationship\"," + common + ",\"relationship_type\":\"" + relType + "\","
                        + "\"source_ref\":\"" + id(r.get(0)) + "\",\"target_ref\":\"" + id(r.get(1)) + "\"}";
            }
        };
    }

    private static String kind(int i) {
        int k = i % 20;
        return k < 14 ? "indicator" : k < 18 ? "relationship" : k == 18 ? "malware" : "intrusion-set";
    }

    /**
     * The indices object {@code i} references among {@code [0, n)} (other than the identity, which
     * every partner may see; a reference to an object the store does not hold never withholds).
     */
    private static List<Integer> refs(int i, int n) {
        if (i == 0 || !kind(i).equals("relationship")) {
            return List.of();
        }
        int block = i - i % 20;
        int malware = Math.max(0, block - 20 * (i % 7)) + 18;
        int source = i % 20 < 16 ? block + (i % 20 - 14) * 5 + 1 : Math.max(0, block - 20 * (i % 5)) + 19;
        List<Integer> out = new ArrayList<>(2);
        for (int r : new int[] {source, malware}) {
            if (r < n) {
                out.add(r);
            }
        }
        return out;
    }

    private static Tlp tlp(int i) {
        if (i == 0) {
            return Tlp.GREEN;
        }
        int h = Math.floorMod(i * 0x9E3779B1, 100);
        return h < 2 ? Tlp.RED : h < 10 ? Tlp.AMBER : h < 30 ? Tlp.CLEAR : Tlp.GREEN;
    }

    private static String id(int i) {
        return kind(i) + "--" + uuid(i);
    }

    private static String uuid(int i) {
        return new UUID(0x5a5a_0000_0000_4000L | (i >>> 16), 0x8000_0000_0000_0000L | i).toString();
    }
}
