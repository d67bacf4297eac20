package org.threatledger.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

/**
 * The HTTP side of the TAXII benchmark: GET objects {@code limit=1000} pages over loopback with
 * {@code java.net.http}, timed from sending the request to holding the whole body. The body is not
 * parsed while the clock runs; afterwards only {@code next} is cut out of its head and the objects
 * are counted by their {@code "spec_version"} member (every object of the benchmark collection has
 * exactly one, and nothing nested has one), so the client spends little of the two cores. With gzip
 * the clock runs until the body is inflated too, which is what a client waits for.
 */
final class BenchHttp {
    static final String PATH = "/taxii2/intel/collections/all/objects/?limit=1000";
    private static final byte[] SPEC_VERSION = "\"spec_version\"".getBytes(StandardCharsets.UTF_8);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final String authorization;
    private final boolean gzip;

    /** One page as received: its time in microseconds, object count and the cursor of the next page (null at the end). */
    record Page(long micros, int objects, String next) {
    }

    /** What a walk or a run of concurrent clients measured. */
    record Run(List<Long> micros, long objects, double seconds, double cpuSeconds, List<Long> heapAfterGc) {
        long pages() {
            return micros.size();
        }
    }

    /** A client; with {@code gzip} it accepts gzip, as most TAXII clients do, and inflates what it receives. */
    BenchHttp(int port, String user, String secret, boolean gzip) {
        this.base = "http://127.0.0.1:" + port;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
        this.gzip = gzip;
    }

    Page page(String next) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + PATH + (next == null ? "" : "&next=" + next)))
                .header("Accept", SpecClient.TAXII).header("Authorization", authorization);
        HttpRequest request = (gzip ? b.header("Accept-Encoding", "gzip") : b).GET().build();
        long t0 = System.nanoTime();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            boolean gzipped = response.headers().firstValue("Content-Encoding").filter("gzip"::equals).isPresent();
            try (InputStream body = gzipped ? new GZIPInputStream(response.body(), 64 * 1024) : response.body()) {
                Counted counted = Counted.read(body);
                long micros = (System.nanoTime() - t0) / 1000;
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("GET objects answered " + response.statusCode() + ": " + counted.head());
                }
                return new Page(micros, counted.objects(), next(counted.head().getBytes(StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * A body read to its end in small buffers (the client keeps no page-sized array, so its garbage
     * does not weigh on the server's collector): its first 512 bytes and how many objects it holds.
     */
    private record Counted(String head, int objects) {
        static Counted read(InputStream in) throws IOException {
            byte[] buf = new byte[64 * 1024];
            int keep = SPEC_VERSION.length - 1;
            java.io.ByteArrayOutputStream head = new java.io.ByteArrayOutputStream(512);
            int objects = 0;
            int carried = 0;
            for (int n; (n = in.read(buf, carried, buf.length - carried)) > 0; ) {
                int filled = carried + n;
                if (head.size() < 512) {
                    head.write(buf, carried, Math.min(n, 512 - head.size()));
                }
                String window = new String(buf, 0, filled, StandardCharsets.ISO_8859_1);
                String needle = new String(SPEC_VERSION, StandardCharsets.ISO_8859_1);
                int last = -1;
                for (int at = window.indexOf(needle); at >= 0; at = window.indexOf(needle, at + needle.length())) {
                    objects++;
                    last = at + needle.length();
                }
                carried = Math.min(keep, filled - Math.max(last, 0));
                System.arraycopy(buf, filled - carried, buf, 0, carried);
            }
            return new Counted(head.toString(StandardCharsets.UTF_8), objects);
        }
    }

    /**
     * Walks the whole collection once, {@code pages} pages at most (0: all); every {@code gcEvery}
     * pages (0: never) a full GC runs between two requests and the heap left in use is recorded.
     */
    Run walk(int pages, int gcEvery) {
        List<Long> micros = new ArrayList<>();
        List<Long> heap = new ArrayList<>();
        long objects = 0;
        long cpu0 = processCpuNanos();
        long t0 = System.nanoTime();
        long gcNanos = 0;
        String next = null;
        do {
            Page p = page(next);
            micros.add(p.micros());
            objects += p.objects();
            next = p.next();
            if (gcEvery > 0 && micros.size() % gcEvery == 0) {
                long g0 = System.nanoTime();
                heap.add(heapAfterGc());
                gcNanos += System.nanoTime() - g0;
            }
        } while (next != null && (pages == 0 || micros.size() < pages));
        double seconds = (System.nanoTime() - t0 - gcNanos) / 1e9;
        return new Run(micros, objects, seconds, (processCpuNanos() - cpu0) / 1e9, heap);
    }

    /** {@code clients} virtual threads, each walking the collection from its start again and again, for {@code seconds}. */
    Run concurrent(int clients, int seconds) throws InterruptedException {
        List<Long> micros = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicLong objects = new AtomicLong();
        long cpu0 = processCpuNanos();
        long t0 = System.nanoTime();
        long deadline = t0 + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            threads.add(Thread.ofVirtual().start(() -> {
                String next = null;
                while (System.nanoTime() < deadline) {
                    Page p = page(next);
                    micros.add(p.micros());
                    objects.addAndGet(p.objects());
                    next = p.next();
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        return new Run(List.copyOf(micros), objects.get(), (System.nanoTime() - t0) / 1e9,
                (processCpuNanos() - cpu0) / 1e9, List.of());
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Heap in use after a full collection, in bytes. */
    static long heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** The {@code next} member of an envelope, which the server writes before the objects. */
    static String next(byte[] body) {
        String head = new String(body, 0, Math.min(body.length, 512), StandardCharsets.UTF_8);
        int at = head.indexOf("\"next\"");
        if (at < 0) {
            return null;
        }
        int open = head.indexOf('"', head.indexOf(':', at) + 1);
        return head.substring(open + 1, head.indexOf('"', open + 1));
    }

    static int count(byte[] body, byte[] needle) {
        String text = new String(body, StandardCharsets.ISO_8859_1);
        String what = new String(needle, StandardCharsets.ISO_8859_1);
        int n = 0;
        for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + what.length())) {
            n++;
        }
        return n;
    }
}
