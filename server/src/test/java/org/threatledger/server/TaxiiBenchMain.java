package org.threatledger.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.threatledger.stix.Tlp;
import org.threatledger.store.KnowledgeStore;
import org.threatledger.store.Stores;
import org.threatledger.taxii.Authenticator;
import org.threatledger.taxii.CollectionDefinition;
import org.threatledger.taxii.DisclosureLog;
import org.threatledger.taxii.Partner;
import org.threatledger.taxii.SharingConfig;

/**
 * The TAXII benchmark (issue 4 §7): a collection of {@code --objects} objects ({@link BenchCollection})
 * on the embedded SQLite store or on PostgreSQL, served over real HTTP on loopback with Basic
 * authentication, TLP filtering and the disclosure log, exactly as in production. It measures
 * <ol>
 *   <li>one client walking the whole collection with GET objects {@code limit=1000}: page time
 *       p50/p95/p99/max, and the heap in use after a full GC every 10% of the walk (constant memory);
 *       then the same walk accepting gzip (unless {@code --no-gzip});</li>
 *   <li>{@code --clients} concurrent clients, each walking from the start again and again for
 *       {@code --seconds}: pages/s, objects/s, page time percentiles;</li>
 *   <li>the per-object cost of store, TLP filter, envelope and disclosure log, and of authentication
 *       per request ({@link BenchSplit}).</li>
 * </ol>
 * Every figure is printed with the load average, since the machine may be shared. No assertions,
 * except that the walk and the disclosure log account for exactly the objects the partner may see.
 *
 * <p>Run: {@code bench/scripts/taxii.sh [--postgres] [--objects N] ...} (builds, finds the JDK, prepares
 * PostgreSQL). The store is built once and reused when it holds exactly {@code --objects} objects.
 */
public final class TaxiiBenchMain {
    private static final String SECRET = "correct-horse-battery-staple";

    private TaxiiBenchMain() {
    }

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        System.out.printf("TAXII benchmark: GET objects limit=1000 over a %,d-object collection, %s store%n", o.objects,
                o.pgUrl == null ? "SQLite" : "PostgreSQL");
        System.out.printf("machine: %d cores, max heap %d MB, java %s; load average %s%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.version"), load());
        Partner acme = new Partner("acme", Authenticator.hash(SECRET), Tlp.AMBER, List.of("all"), List.of(), false, false,
                java.util.EnumSet.noneOf(Partner.Redaction.class));
        SharingConfig initial = SharingConfig.initial().withCollection(new CollectionDefinition("all", "intel", "All", null, "all"));
        SharingConfig config = new SharingConfig(initial.title(), initial.description(), initial.contact(), initial.apiRoots(),
                initial.collections(), List.of(acme), Tlp.AMBER, initial.maxContentLength(), null, null, 10, 60,
                initial.cursorSecret());
        Path scratch = Files.createTempDirectory("taxii-bench");
        try (KnowledgeStore store = open(o)) {
            int visible = BenchCollection.visible(o.objects);
            System.out.printf("partner acme (up to TLP:AMBER) may see %,d of the %,d objects%n", visible, o.objects);
            DisclosureLog log = new DisclosureLog(scratch.resolve("disclosures.log"));
            TaxiiServer server = TaxiiServer.start("127.0.0.1", 0, config, store, log);
            long served;
            try {
                served = http(o, server.port(), visible);
            } finally {
                server.close();
            }
            split(o, store, config, acme, scratch);
            long t0 = System.nanoTime();
            DisclosureLog.Verification v = log.verify();
            System.out.printf("disclosure log: %,d entries for %,d objects served over HTTP, chain %s (verified in %.1f s)%n",
                    v.entries(), served, v.ok() ? "intact" : "BROKEN: " + v.problem(), (System.nanoTime() - t0) / 1e9);
            if (v.entries() != served || !v.ok()) {
                throw new IllegalStateException("the disclosure log does not account for every object served");
            }
        } finally {
            delete(scratch);
        }
        System.out.println("load average at the end: " + load());
    }

    private static KnowledgeStore open(Options o) {
        KnowledgeStore store = o.pgUrl == null ? Stores.embedded(o.home) : Stores.postgres(o.pgUrl);
        long held = store.stats().byType().values().stream().mapToLong(Long::longValue).sum();
        if (held == o.objects) {
            System.out.printf("store: reusing %s (%,d objects)%n", store, held);
        } else if (held == 0) {
            System.out.printf("store: loading %,d objects into %s in batches of %,d (load average %s)%n", o.objects, store,
                    BenchCollection.BATCH, load());
            double s = BenchCollection.load(store, o.objects);
            System.out.printf("store: loaded in %.1f s, %,.0f objects/s (load average %s)%n", s, o.objects / s, load());
        } else {
            store.close();
            throw new IllegalStateException(store + " holds " + held + " objects, not " + o.objects
                    + " (an interrupted load?): rerun with --fresh");
        }
        return store;
    }

    /** The HTTP figures; returns how many objects were served. */
    private static long http(Options o, int port, int visible) throws InterruptedException {
        BenchHttp client = new BenchHttp(port, "acme", SECRET, false);
        BenchHttp.Run warm = client.walk(o.warmPages, 0);
        System.out.printf("warm-up: %d pages, %,d objects (load average %s)%n", warm.pages(), warm.objects(), load());
        long served = warm.objects();
        int expectedPages = (visible + 999) / 1000;
        for (int w = 1; w <= o.walks; w++) {
            BenchHttp.Run walk = client.walk(0, Math.max(1, expectedPages / 10));
            served += walk.objects();
            System.out.printf("walk %d, one client: %,d objects in %d pages, %.1f s (%,.0f objects/s), JVM CPU %.1f s"
                    + " (server and client); load average %s%n", w, walk.objects(), walk.pages(), walk.seconds(),
                    walk.objects() / walk.seconds(), walk.cpuSeconds(), load());
            System.out.println("  page time " + percentiles(walk.micros()) + "   (target: p99 <= 50 ms)");
            System.out.println("  heap in use after GC every 10% of the walk: " + walk.heapAfterGc().stream()
                    .map(b -> Long.toString(b >> 20)).toList() + " MB");
            if (walk.objects() != visible) {
                throw new IllegalStateException("the walk returned " + walk.objects() + " objects, expected " + visible);
            }
        }
        if (o.gzip) {
            BenchHttp.Run walk = new BenchHttp(port, "acme", SECRET, true).walk(0, 0);
            served += walk.objects();
            System.out.printf("walk with Accept-Encoding: gzip (the server gzips each page at the fastest level, the client"
                    + " inflates it): %,d objects in %d pages, %.1f s, JVM CPU %.1f s; load average %s%n", walk.objects(),
                    walk.pages(), walk.seconds(), walk.cpuSeconds(), load());
            System.out.println("  page time " + percentiles(walk.micros()));
        }
        if (o.clients > 0) {
            BenchHttp.Run c = client.concurrent(o.clients, o.seconds);
            served += c.objects();
            System.out.printf("%d concurrent clients for %.0f s: %,d pages = %.1f pages/s, %,.0f objects/s; JVM CPU %.1f s"
                    + " (%.1f ms per page); load average %s%n", o.clients, c.seconds(), c.pages(), c.pages() / c.seconds(),
                    c.objects() / c.seconds(), c.cpuSeconds(), c.cpuSeconds() * 1000 / c.pages(), load());
            System.out.println("  page time " + percentiles(c.micros()));
        }
        return served;
    }

    private static void split(Options o, KnowledgeStore store, SharingConfig config, Partner partner, Path scratch) {
        if (o.splitPages == 0) {
            return;
        }
        BenchSplit.Result r = BenchSplit.run(store, config, partner, SECRET, scratch, o.splitPages);
        System.out.printf("per-object cost, in process, first %d pages (CPU of one thread; wall in brackets%s); load average %s%n",
                o.splitPages, o.pgUrl == null ? "" : ", which alone includes PostgreSQL's own work", load());
        line("store page read and decode", r.store());
        line("TLP filter (markings, references)", r.filter());
        line("disclosure log (fsync per page)", r.log());
        BenchSplit.Cost rest = new BenchSplit.Cost(r.service().cpu() - r.store().cpu() - r.filter().cpu() - r.log().cpu(),
                r.service().wall() - r.store().wall() - r.filter().wall() - r.log().wall(), r.service().objects());
        if (rest.cpu() < 0) {
            System.out.printf("  %-36s within the noise of the parts above%n", "envelope, cursor and the rest");
        } else {
            line("envelope, cursor and the rest", rest);
        }
        line("whole service, no HTTP", r.service());
        System.out.printf("  %-36s %6.2f us per request (%.4f us per object); first use of a credential (argon2id) %.0f ms%n",
                "authentication, cached", r.authMicros(), r.authMicros() / 1000, r.authFirstMs());
    }

    private static void line(String what, BenchSplit.Cost c) {
        System.out.printf("  %-36s %6.2f us CPU (%6.2f us wall)%n", what, c.cpuMicrosPerObject(), c.wallMicrosPerObject());
    }

    static String percentiles(List<Long> micros) {
        long[] s = micros.stream().mapToLong(Long::longValue).sorted().toArray();
        return String.format("p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms (%d pages)", pct(s, 0.50) / 1000.0,
                pct(s, 0.95) / 1000.0, pct(s, 0.99) / 1000.0, s[s.length - 1] / 1000.0, s.length);
    }

    private static long pct(long[] sorted, double p) {
        return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1))];
    }

    static String load() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The command line. */
    private record Options(int objects, Path home, String pgUrl, int walks, int warmPages, boolean gzip, int clients,
                           int seconds, int splitPages) {
        static Options parse(String[] args) {
            int objects = 1_000_000, walks = 1, warm = 100, clients = 50, seconds = 30, split = 200;
            boolean gzip = true;
            Path home = null;
            String pg = null;
            for (int i = 0; i < args.length; i++) {
                String v = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--objects" -> objects = Integer.parseInt(args[++i]);
                    case "--home" -> home = Path.of(args[++i]);
                    case "--pg-url" -> pg = args[++i];
                    case "--walks" -> walks = Integer.parseInt(args[++i]);
                    case "--warm-pages" -> warm = Integer.parseInt(args[++i]);
                    case "--no-gzip" -> gzip = false;
                    case "--clients" -> clients = Integer.parseInt(args[++i]);
                    case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                    case "--split-pages" -> split = Integer.parseInt(args[++i]);
                    default -> throw new IllegalArgumentException("unknown option " + args[i] + (v == null ? "" : " " + v)
                            + "; options: --objects N --home DIR | --pg-url URL --walks N --warm-pages N --no-gzip"
                            + " --clients N --seconds N --split-pages N");
                }
            }
            if (home == null) {
                home = Path.of(System.getProperty("java.io.tmpdir"), "threatledger-taxii-bench-" + objects);
            }
            return new Options(objects, home, pg, walks, warm, gzip, clients, seconds, split);
        }
    }
}
