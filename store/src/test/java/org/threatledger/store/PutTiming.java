package org.threatledger.store;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.threatledger.stix.IocEntry;
import org.threatledger.stix.IocType;
import org.threatledger.stix.StixObject;

/**
 * Times the puts the whole-process benchmarks depend on (wall and this thread's CPU time, which
 * includes SQLite's own work but not the parallel JSON serialisation); run by hand, never asserted:
 * <pre>
 * ./mvnw -B -q -pl store -am test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt
 * java --enable-native-access=ALL-UNNAMED -Dshared.data=../shared/data \
 *   -cp "$(cat store/target/test-classpath.txt):store/target/classes:store/target/test-classes" \
 *   org.threatledger.store.PutTiming [jdbc:postgresql://127.0.0.1/threatledger_test?user=postgres&amp;currentSchema=x]
 * </pre>
 */
public final class PutTiming {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private PutTiming() {
    }

    public static void main(String[] args) throws Exception {
        List<StixObject> attack = TestData.attack();
        List<IocEntry> e330k = entries("list330k", 330_000);
        List<IocEntry> e1m = entries("list1m", 1_000_000);
        for (int round = 0; round < 3; round++) {
            Path home = Files.createTempDirectory("tl-timing");
            String location = args.length > 0 ? args[0] : home.toString();
            try (KnowledgeStore store = Stores.open(location)) {
                time("ATT&CK put, batches of 5000", () -> {
                    for (int i = 0; i < attack.size(); i += 5000) {
                        store.put(attack.subList(i, Math.min(attack.size(), i + 5000)), TestData.ATTACK);
                    }
                });
                time("ATT&CK re-put (unchanged)", () -> store.put(attack, TestData.ATTACK));
                time("330k entries", () -> store.putList(TestData.list(e330k.get(0).listId(), "2026-01-01T00:00:00.000Z"),
                        e330k, TestData.ATTACK));
                time("1M entries", () -> store.putList(TestData.list(e1m.get(0).listId(), "2026-01-01T00:00:00.000Z"),
                        e1m, TestData.ATTACK));
                long[] n = {0};
                time("forEachEntry 1.33M", () -> store.forEachEntry(e -> n[0]++));
                time("stats", store::stats);
            }
            time("open and close of the existing store", () -> Stores.open(location).close());
            System.out.println();
            if (args.length > 0) {
                return; // one run per fresh schema
            }
            try (Stream<Path> files = Files.walk(home)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void time(String what, Runnable work) {
        long cpu = THREADS.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        work.run();
        System.out.printf("%-40s %6d ms wall %6d ms cpu%n", what, (System.nanoTime() - wall) / 1_000_000,
                (THREADS.getCurrentThreadCpuTime() - cpu) / 1_000_000);
    }

    private static List<IocEntry> entries(String name, int n) {
        String listId = "x-threatledger-ioc-list--" + UUID.nameUUIDFromBytes(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        List<IocEntry> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new IocEntry(listId, IocType.DOMAIN, "host" + i + ".evil" + (i % 977) + ".example", -1,
                    true, null, null, i + 1));
        }
        return out;
    }
}
