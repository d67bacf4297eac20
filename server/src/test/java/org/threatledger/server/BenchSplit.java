package org.threatledger.server;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.threatledger.stix.Tlp;
import org.threatledger.store.KnowledgeStore;
import org.threatledger.store.PageQuery;
import org.threatledger.store.PagedObject;
import org.threatledger.taxii.Authenticator;
import org.threatledger.taxii.Disclosure;
import org.threatledger.taxii.DisclosureLog;
import org.threatledger.taxii.Endpoint;
import org.threatledger.taxii.Partner;
import org.threatledger.taxii.SharingConfig;
import org.threatledger.taxii.TaxiiRequest;
import org.threatledger.taxii.TaxiiResponse;
import org.threatledger.taxii.TaxiiService;
import org.threatledger.taxii.Visibility;

/**
 * Where the time of a page goes, without a profiler: the same first {@code pages} pages are served
 * by successively larger parts of the path, on this (platform) thread, and each part is timed in
 * CPU time of the thread (robust on a loaded machine) and wall time:
 * <ol>
 *   <li>store: {@code KnowledgeStore.page} of 1,001 rows (what the pager asks for), rows decoded;</li>
 *   <li>TLP filter: {@code Visibility.prefetch} and {@code admit} of those rows for the partner (markings,
 *       redaction, reference checks with their store look-up), a fresh {@code Visibility} per page as per request;</li>
 *   <li>service: {@code TaxiiService.serve(OBJECTS_GET)} in process: cursor, store, filter, envelope and the
 *       disclosure log, without HTTP;</li>
 *   <li>disclosure log alone: appending 1,000 disclosures per page to a fresh log (one fsync each);</li>
 *   <li>authentication: one cached {@code Authenticator.authenticate} of a Basic header (the argon2id
 *       check runs on a credential's first use only and is reported apart).</li>
 * </ol>
 * Envelope and the rest is service minus store, filter and log.
 */
final class BenchSplit {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final byte[] SPEC_VERSION = "\"spec_version\"".getBytes(StandardCharsets.UTF_8);

    private BenchSplit() {
    }

    /** CPU and wall nanoseconds and the objects they covered. */
    record Cost(long cpu, long wall, long objects) {
        double cpuMicrosPerObject() {
            return cpu / 1000.0 / objects;
        }

        double wallMicrosPerObject() {
            return wall / 1000.0 / objects;
        }
    }

    record Result(Cost store, Cost filter, Cost service, Cost log, double authFirstMs, double authMicros, long served) {
    }

    static Result run(KnowledgeStore store, SharingConfig config, Partner partner, String secret, Path scratch, int pages) {
        Cost[] storeAndFilter = storeAndFilter(store, config, partner, pages);
        storeAndFilter = storeAndFilter(store, config, partner, pages);
        long[] served = new long[1];
        service(store, config, partner, scratch.resolve("warm.log"), pages, served);
        Cost service = service(store, config, partner, scratch.resolve("service.log"), pages, served);
        log(scratch.resolve("warm-alone.log"), pages);
        Cost log = log(scratch.resolve("alone.log"), pages);
        String header = "Basic " + Base64.getEncoder().encodeToString((partner.name() + ":" + secret).getBytes(StandardCharsets.UTF_8));
        Authenticator auth = new Authenticator(List.of(partner));
        long t0 = System.nanoTime();
        auth.authenticate(header).orElseThrow();
        double first = (System.nanoTime() - t0) / 1e6;
        int n = 200_000;
        long c0 = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < n; i++) {
            auth.authenticate(header).orElseThrow();
        }
        double authMicros = (THREADS.getCurrentThreadCpuTime() - c0) / 1000.0 / n;
        return new Result(storeAndFilter[0], storeAndFilter[1], service, log, first, authMicros, served[0]);
    }

    private static Cost[] storeAndFilter(KnowledgeStore store, SharingConfig config, Partner partner, int pages) {
        Set<Tlp> tlps = EnumSet.copyOf(partner.allowedTlps());
        long after = -1;
        long afterSeq = -1;
        long storeCpu = 0, storeWall = 0, filterCpu = 0, filterWall = 0, rowsRead = 0;
        for (int p = 0; p < pages; p++) {
            List<PagedObject> rows = new ArrayList<>(1001);
            long c0 = THREADS.getCurrentThreadCpuTime();
            long w0 = System.nanoTime();
            store.page(new PageQuery(PageQuery.Versions.LAST, Set.of(), Set.of(), Set.of(), tlps, null, after, afterSeq, 1001),
                    rows::add);
            long c1 = THREADS.getCurrentThreadCpuTime();
            long w1 = System.nanoTime();
            Visibility visibility = new Visibility(partner, config.defaultTlp(), store);
            visibility.prefetch(rows.stream().map(PagedObject::stored).toList());
            for (PagedObject row : rows) {
                visibility.admit(row.stored());
            }
            storeCpu += c1 - c0;
            storeWall += w1 - w0;
            filterCpu += THREADS.getCurrentThreadCpuTime() - c1;
            filterWall += System.nanoTime() - w1;
            rowsRead += rows.size();
            if (rows.size() < 1001) {
                break;
            }
            PagedObject last = rows.get(999);
            after = last.dateAddedMicros();
            afterSeq = last.seq();
        }
        return new Cost[] {new Cost(storeCpu, storeWall, rowsRead), new Cost(filterCpu, filterWall, rowsRead)};
    }

    private static Cost service(KnowledgeStore store, SharingConfig config, Partner partner, Path logFile, int pages,
                                long[] served) {
        TaxiiService service = new TaxiiService(config, store, new DisclosureLog(logFile), (e, r, x) -> {
            throw x;
        });
        String next = null;
        long objects = 0;
        long c0 = THREADS.getCurrentThreadCpuTime();
        long w0 = System.nanoTime();
        for (int p = 0; p < pages; p++) {
            Map<String, List<String>> query = next == null ? Map.of("limit", List.of("1000"))
                    : Map.of("limit", List.of("1000"), "next", List.of(next));
            TaxiiResponse r = service.serve(Endpoint.OBJECTS_GET, new TaxiiRequest(Map.of("root", "intel", "collection", "all"),
                    query, SpecClient.TAXII, null, java.io.InputStream.nullInputStream(), partner, "split-" + p));
            if (r.status() != 200) {
                throw new IllegalStateException("in-process GET objects answered " + r.status() + ": " + r.text());
            }
            for (byte[] chunk : r.chunks()) {
                objects += BenchHttp.count(chunk, SPEC_VERSION);
            }
            next = BenchHttp.next(r.chunks().getFirst());
            if (next == null) {
                break;
            }
        }
        served[0] += objects;
        return new Cost(THREADS.getCurrentThreadCpuTime() - c0, System.nanoTime() - w0, objects);
    }

    private static Cost log(Path file, int pages) {
        DisclosureLog log = new DisclosureLog(file);
        long c0 = THREADS.getCurrentThreadCpuTime();
        long w0 = System.nanoTime();
        for (int p = 0; p < pages; p++) {
            List<Disclosure> page = new ArrayList<>(1000);
            for (int i = 0; i < 1000; i++) {
                page.add(new Disclosure(0, null, "acme", Disclosure.Direction.SENT,
                        "indicator--5a5a0000-0000-4000-8000-0000000" + String.format("%05d", i), "2025-03-01T10:00:00.000Z",
                        "split-" + p));
            }
            log.append(page, Instant.now());
        }
        Cost cost = new Cost(THREADS.getCurrentThreadCpuTime() - c0, System.nanoTime() - w0, pages * 1000L);
        try {
            Files.deleteIfExists(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return cost;
    }
}
