package org.threatledger.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.threatledger.stix.Tlp;
import org.threatledger.taxii.CollectionDefinition;

/**
 * GET objects with {@code limit=1000} over a 100k-object collection on the embedded SQLite store,
 * over real HTTP on loopback, through authentication, TLP checks and the disclosure log: prints
 * p50/p99/max per page and the whole-walk time. No assertions; numbers are in docs/sharing.md.
 *
 * <p>Run: {@code ./mvnw -B -q -o -pl server -am test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test}
 * then {@code java -cp "$(cat server/target/cp.txt):server/target/classes:server/target/test-classes" org.threatledger.server.TaxiiBenchMain [objects] [walks]}.
 */
public final class TaxiiBenchMain {
    private TaxiiBenchMain() {
    }

    public static void main(String[] args) throws Exception {
        int objects = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int walks = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path home = Files.createTempDirectory("taxii-bench");
        try (Fixture f = new Fixture(home, List.of(new CollectionDefinition("all", "intel", "All", null, "all")),
                List.of(Fixture.partner("acme", Tlp.AMBER, List.of("all"), List.of())), 10, 1 << 20)) {
            long t0 = System.nanoTime();
            for (int i = 0; i < objects; i += 5_000) {
                f.store.put(Fixture.indicators("bench" + i + "-", Math.min(5_000, objects - i), Tlp.GREEN), Fixture.TEST);
            }
            System.out.printf("loaded %,d objects in %.1f s%n", objects, (System.nanoTime() - t0) / 1e9);
            SpecClient client = f.client("acme");
            List<Long> micros = new ArrayList<>();
            for (int walk = 0; walk <= walks; walk++) {
                long w0 = System.nanoTime();
                int seen = 0;
                String next = null;
                do {
                    long r0 = System.nanoTime();
                    var page = client.get("/taxii2/intel/collections/all/objects/?limit=1000"
                            + (next == null ? "" : "&next=" + next)).json();
                    if (walk > 0) {
                        micros.add((System.nanoTime() - r0) / 1000);
                    }
                    seen += page.path("objects").size();
                    next = page.path("more").asBoolean() ? page.get("next").asText() : null;
                } while (next != null);
                System.out.printf("walk %d%s: %,d objects in %.2f s, heap used %d MB%n", walk, walk == 0 ? " (warm-up)" : "",
                        seen, (System.nanoTime() - w0) / 1e9,
                        (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
            }
            long[] sorted = micros.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf("GET objects limit=1000: pages %d, p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", sorted.length,
                    pct(sorted, 0.50) / 1000.0, pct(sorted, 0.99) / 1000.0, sorted[sorted.length - 1] / 1000.0);
            concurrent(client, 50, 10);
            System.out.println("disclosure log entries: " + f.log.verify().entries());
        }
    }

    /** {@code clients} threads, each walking the first {@code pages} pages with limit=1000 at the same time. */
    private static void concurrent(SpecClient client, int clients, int pages) throws InterruptedException {
        List<Long> micros = java.util.Collections.synchronizedList(new ArrayList<>());
        long t0 = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            threads.add(Thread.ofVirtual().start(() -> {
                String next = null;
                for (int p = 0; p < pages; p++) {
                    long r0 = System.nanoTime();
                    var page = client.get("/taxii2/intel/collections/all/objects/?limit=1000"
                            + (next == null ? "" : "&next=" + next)).json();
                    micros.add((System.nanoTime() - r0) / 1000);
                    next = page.path("next").asText(null);
                    if (next == null) {
                        break;
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long[] sorted = micros.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("%d concurrent clients: %d pages in %.1f s = %.0f pages/s (%.0f objects/s), p50 %.0f ms, p99 %.0f ms%n",
                clients, sorted.length, seconds, sorted.length / seconds, sorted.length * 1000 / seconds,
                pct(sorted, 0.50) / 1000.0, pct(sorted, 0.99) / 1000.0);
    }

    private static long pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }
}
