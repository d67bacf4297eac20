package org.threatledger.history;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.threatledger.match.ObservationType;

/**
 * The history: every distinct observed value with first/last seen, count and sensors, kept for a
 * retention period, so retro-hunt can look new indicators up instead of re-reading raw logs.
 *
 * <p>Design note (chosen by benchmark, see {@code HistoryBenchmark} and docs/benchmarks.md): an
 * own log-structured store. Values recorded since the last flush sit in a {@link MemTable} (open
 * addressing over 64-bit hashes, value bytes in an arena; an update of a known value allocates
 * nothing). A flush (at the end of a hunt, every {@code flushValues} values or
 * {@code flushInterval}) writes an immutable sorted segment: keys are type byte + UTF-8 value,
 * domains under reversed labels so a suffix query is one range scan; ~16 KB blocks, prefix
 * compression + deflate, a sparse index and a Bloom filter. Segments are merged size-tiered after
 * flushes and all at once by {@link #compact} (retention). A batch lookup sorts its keys and walks
 * each segment once; the Bloom filter turns most (unseen) keys away without a read.
 *
 * <p>Measured on the 2-core build machine, 10M distinct values / 100k queries (1% seen): recording
 * repeated values ~30M/s, building the store ~1M values/s, {@link #lookupAll} ~0.1 s; 13 bytes per
 * value on disk. RocksDB (rocksdbjni 9.8.4, a 60 MB jar with native code for every platform):
 * load ~0.5M values/s with the same merge semantics read-modify-write, multiGet of the same 100k
 * ~0.3 s. Both meet the target; the own format wins on size, load rate and dependencies, and keeps
 * the merge semantics (min/max/sum/sensor union) in plain Java. Numbers: the lead's report.
 *
 * <p>Not thread-safe for concurrent writers; every public method is synchronized so a retro-hunt
 * may look values up while a hunt records them. A flush that the table's size or age calls for runs
 * on a thread of its own while recording goes on into a second table (see {@link #flushInBackground}).
 */
public final class History implements AutoCloseable {
    private final Path dir;
    private final Options options;
    private final FileChannel lockChannel;
    private final FileLock lock;
    /** The table values are recorded into. */
    private MemTable memory;
    /** The other table: being written by the background flush, or empty and waiting for the next swap. */
    private MemTable spare;
    /** The background flush under way, or null. */
    private Thread flusher;
    /** True while {@link #flush} writes a table outside the monitor. */
    private boolean writing;
    /** What made the last background flush fail; thrown at the next call that waits for it. */
    private Throwable flushFailure;
    /** The background merges under way, or null (one merger at a time; it runs every merge that is due). */
    private Thread merger;
    /** What made the last background merge fail; thrown by {@link #compact} and {@link #close}. */
    private Throwable mergeFailure;
    private final List<Segment> segments = new ArrayList<>();
    private final Map<String, Integer> sensorIds = new HashMap<>();
    private final List<String> sensorNames = new ArrayList<>();
    private String lastSensor;
    private int lastSensorId = -1;
    private long nextFlush;
    /** Segments of about one size merged together (see {@link #mergeTiers}). */
    static final int TIER = 4;
    /** The most segments kept before segments of mixed sizes are merged anyway. */
    static final int MAX_SEGMENTS = 12;
    private long lastFlushNanos = System.nanoTime();
    private int recordsSinceClock;

    /**
     * How the history behaves.
     *
     * @param retention     values last seen longer ago than this are dropped by {@link #compact}
     * @param flushValues   flush after this many distinct values in memory
     * @param flushInterval flush when this much time passed since the last flush (checked while recording)
     */
    public record Options(Duration retention, int flushValues, Duration flushInterval) {
        public Options {
            if (retention.isNegative() || retention.isZero()) {
                throw new IllegalArgumentException("history retention must be positive, was " + retention);
            }
            if (flushValues < 1) {
                throw new IllegalArgumentException("history flushValues must be >= 1, was " + flushValues);
            }
        }

        /** 90 days, 2M values, one minute. */
        public static Options defaults() {
            return new Options(Duration.ofDays(90), 2_000_000, Duration.ofMinutes(1));
        }
    }

    /** The size of the history (a value recorded in several unmerged segments counts once per segment). */
    public record Stats(int segments, long storedValues, long unflushedValues, long diskBytes) {
    }

    private History(Path dir, Options options, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.options = options;
        this.memory = new MemTable(options.flushValues());
        this.spare = new MemTable(options.flushValues());
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** Opens (or creates) the history in {@code dir} with default options. */
    public static History open(Path dir) throws IOException {
        return open(dir, Options.defaults());
    }

    /** Opens (or creates) the history in {@code dir}; one process at a time. */
    public static History open(Path dir, Options options) throws IOException {
        Files.createDirectories(dir);
        FileChannel lockChannel = FileChannel.open(dir.resolve("LOCK"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            lockChannel.close();
            throw new IOException("history " + dir + " is already open");
        }
        History h = new History(dir, options, lockChannel, lock);
        try {
            h.load();
        } catch (IOException | RuntimeException e) {
            h.closeFiles();
            throw e;
        }
        return h;
    }

    private void load() throws IOException {
        List<SegmentName> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.toList()) {
                String f = p.getFileName().toString();
                if (f.endsWith(".tmp")) {
                    Files.delete(p); // an unfinished flush or merge: its inputs are intact
                } else {
                    SegmentName.parse(f).ifPresent(names::add);
                }
            }
        }
        names.sort((a, b) -> Long.compare(a.lo(), b.lo()));
        for (SegmentName n : names) {
            if (names.stream().anyMatch(other -> other.supersedes(n))) {
                Files.delete(dir.resolve(n.fileName())); // a merge finished but its inputs were not yet deleted
            } else {
                segments.add(Segment.open(dir.resolve(n.fileName()), n));
                nextFlush = Math.max(nextFlush, n.hi() + 1);
            }
        }
        nextFlush = Math.max(nextFlush, 1);
    }

    /**
     * Counts every value of {@code batch} under one lock (a hunt's history thread records in
     * batches). Each run of {@value #WARM} values is hashed first and its table lines read ahead at
     * once ({@link MemTable#warm}), then recorded.
     */
    public synchronized void recordAll(ValueBatch batch) {
        byte[] arena = batch.arena();
        long[] hashes = warmHashes;
        for (int from = 0, n = batch.size(); from < n; from += WARM) {
            int to = Math.min(n, from + WARM);
            for (int i = from; i < to; i++) {
                int start = batch.start(i);
                hashes[i - from] = Keys.valueHash(batch.typeOrdinal(i), arena, start, batch.end(i) - start);
            }
            memory.warm(hashes, to - from);
            for (int i = from; i < to; i++) {
                int start = batch.start(i);
                String sensor = batch.sensor(i);
                int sensorId = sensorId(sensor);
                memory.record(batch.typeOrdinal(i), arena, start, batch.end(i) - start, hashes[i - from],
                        batch.micros(i), sensorId);
                flushWhenDue();
            }
        }
    }

    /** Values whose table lines are read ahead at once ({@link MemTable#warm}) before they are recorded. */
    private static final int WARM = 64;
    private final long[] warmHashes = new long[WARM];

    /** Counts one sighting of {@code value} at {@code timeMicros} by {@code sensor} (may be null). */
    public synchronized void record(ObservationType type, String value, long timeMicros, String sensor) {
        int sensorId = sensorId(sensor);
        memory.record(type, value, timeMicros, sensorId);
        flushWhenDue();
    }

    private void flushWhenDue() {
        if (memory.size() >= options.flushValues()
                || (++recordsSinceClock & 0xffff) == 0 && System.nanoTime() - lastFlushNanos >= options.flushInterval().toNanos()) {
            flushInBackground();
        }
    }

    /**
     * Swaps the full table for the spare one and writes the full one as a segment on a thread of its
     * own, then runs the merges that are due there too, so recording goes on meanwhile (on two cores
     * the sort and write of millions of values no longer stop the hunt's history). One flush at a
     * time: a second one waits for the first. Lookups, {@link #flush}, {@link #compact} and
     * {@link #close} wait for it as well, so they always see every value recorded before them.
     * Holds this object's monitor on entry; waiting releases it.
     */
    private void flushInBackground() {
        awaitFlusher();
        lastFlushNanos = System.nanoTime();
        recordsSinceClock = 0;
        if (memory.size() == 0) {
            return;
        }
        MemTable full = memory;
        memory = spare;
        spare = null;
        SegmentName name = new SegmentName(nextFlush, nextFlush, 0);
        nextFlush++;
        List<String> names = List.copyOf(sensorNames);
        flusher = Thread.ofPlatform().daemon().name("threatledger-history-flush").start(() -> writeInBackground(full, name, names));
    }

    /** The background flush: the segment, touching shared state only under the monitor; then the merges it made due. */
    private void writeInBackground(MemTable full, SegmentName name, List<String> names) {
        Written w = tryWrite(full, name, names);
        synchronized (this) {
            if (w.segment() != null) {
                segments.add(w.segment());
            }
            full.clear();
            spare = full;
            flushFailure = w.failure();
            flusher = null;
            notifyAll();
            startMerges();
        }
    }

    /**
     * Starts the merges that are due on a thread of their own, unless one runs already (it looks for
     * due merges again after each). Flushes do not wait for merges: a hunt's last flush makes its
     * values durable without waiting for a merge of older segments; {@link #compact} and
     * {@link #close} wait for them. Lookups run beside a merge: a merged segment replaces its inputs
     * under the monitor. Holds the monitor on entry.
     */
    private void startMerges() {
        if (merger == null && mergeFailure == null && nextMerge() != null) {
            merger = Thread.ofPlatform().daemon().name("threatledger-history-merge").start(this::mergeInBackground);
        }
    }

    private void mergeInBackground() {
        Throwable failure = null;
        try {
            for (List<Segment> inputs = nextMerge(); inputs != null; inputs = nextMerge()) {
                SegmentName merged = mergedName(inputs);
                Merge.write(inputs, dir, merged, Long.MIN_VALUE);
                Segment opened = Segment.open(dir.resolve(merged.fileName()), merged);
                synchronized (this) {
                    swapIn(inputs, opened);
                }
            }
        } catch (IOException | RuntimeException | Error e) {
            failure = e;
        }
        synchronized (this) {
            mergeFailure = failure;
            merger = null;
            notifyAll();
            startMerges(); // a flush may have made another merge due after the last look
        }
    }

    /** Waits for the background merges, if any; rethrows their failure. Holds the monitor on entry. */
    private void awaitMerger() throws IOException {
        waitWhile(() -> merger != null);
        if (mergeFailure != null) {
            Throwable f = mergeFailure;
            mergeFailure = null;
            throw new IOException("history " + dir + ": a merge failed (its inputs are intact)", f);
        }
    }

    /**
     * Waits for the flush under way, if any (a background one, or one {@link #flush} is writing);
     * rethrows a background flush's failure. Holds the monitor on entry.
     */
    private void awaitFlusher() {
        waitWhile(() -> flusher != null || writing);
        rethrowFlushFailure();
    }

    /** Rethrows the failure of the last background flush, once. Holds the monitor on entry. */
    private void rethrowFlushFailure() {
        if (flushFailure != null) {
            Throwable f = flushFailure;
            flushFailure = null;
            throw new UncheckedIOException("history " + dir + ": a flush failed; the values it held are lost",
                    f instanceof IOException io ? io : new IOException(f));
        }
    }

    /** Waits on this object's monitor (held on entry) while {@code busy}; an interrupt is kept for later. */
    private void waitWhile(java.util.function.BooleanSupplier busy) {
        boolean interrupted = false;
        while (busy.getAsBoolean()) {
            try {
                wait();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The table's number of {@code sensor} (-1 for null); the last one asked for is answered at once. */
    private int sensorId(String sensor) {
        if (sensor == lastSensor) {
            return lastSensorId;
        }
        int id = sensor == null ? -1 : sensorIds.computeIfAbsent(sensor, s -> {
            sensorNames.add(s);
            return sensorNames.size() - 1;
        });
        lastSensor = sensor;
        lastSensorId = id;
        return id;
    }

    private String sensorName(int id) {
        return id < 0 ? null : sensorNames.get(id);
    }

    /**
     * Writes the values recorded since the last flush as a new segment (durable when this returns).
     * The segment is written while a background flush of an earlier table may still be under way
     * (a hunt's last flush then runs beside the one before it, on the core the hunt no longer
     * needs), and joins the segments after that one lands, so segments stay in flush order.
     * Lookups, other flushes and a table swap wait for it, as they wait for a background flush.
     * When the write fails, its values stay recorded for the next flush, unless new values arrived
     * meanwhile (then they are lost, and the error says so).
     */
    public void flush() throws IOException {
        MemTable table;
        SegmentName name;
        List<String> names;
        synchronized (this) {
            waitWhile(() -> writing);
            lastFlushNanos = System.nanoTime();
            recordsSinceClock = 0;
            if (memory.size() == 0) {
                awaitFlusher();
                return;
            }
            table = memory;
            memory = spare != null ? spare : new MemTable(options.flushValues());
            spare = null;
            name = new SegmentName(nextFlush, nextFlush, 0);
            nextFlush++;
            names = List.copyOf(sensorNames);
            writing = true;
        }
        Written w = tryWrite(table, name, names);
        boolean kept = false;
        synchronized (this) {
            try {
                waitWhile(() -> flusher != null); // the background flush of an earlier table lands first
                if (w.segment() != null) {
                    segments.add(w.segment());
                    table.clear();
                    spare = spare == null ? table : spare;
                } else if (memory.size() == 0) {
                    spare = spare == null ? memory : spare;
                    memory = table;
                    kept = true;
                }
            } finally {
                writing = false;
                notifyAll();
            }
            rethrowFlushFailure();
            startMerges();
        }
        if (w.failure() != null) {
            throw new IOException("history " + dir + ": a flush failed; "
                    + (kept ? "its values stay recorded" : "the values it held are lost"), w.failure());
        }
    }

    /** A table written as a segment (opened), or why it could not be. */
    private record Written(Segment segment, Throwable failure) {}

    /** {@link #write} of a table whose sensors are numbered into {@code names}, outside the monitor. */
    private Written tryWrite(MemTable table, SegmentName name, List<String> names) {
        try {
            return new Written(write(table, name, id -> id < 0 ? null : names.get(id)), null);
        } catch (IOException | RuntimeException | Error e) {
            return new Written(null, e);
        }
    }

    /** Writes a table as the segment {@code name}, blocks uncompressed (durable when this returns), and opens it. */
    private Segment write(MemTable table, SegmentName name, IntFunction<String> sensorName) throws IOException {
        try (SegmentWriter w = new SegmentWriter(dir.resolve(name.fileName()), table.size(), false)) {
            table.writeTo(w, sensorName);
            w.commit();
        }
        return Segment.open(dir.resolve(name.fileName()), name);
    }

    /**
     * The adjacent segments to merge next, or null when none is due. Size-tiered merging: the
     * newest {@value #TIER} segments are merged into one when they are of about the same size (the
     * largest at most twice the smallest), so each value is rewritten about once per fourfold growth
     * of the history instead of once per doubling; a hunt that flushes a few times writes its values
     * once and merges nothing. Segments of mixed sizes that never form a tier are bounded by
     * {@value #MAX_SEGMENTS}: past that the adjacent pair with the fewest entries is merged. Lookups
     * visit every segment, but a Bloom filter turns most of them away without a read. Only the
     * merger calls this once it runs, so the segments it returns are not being merged already.
     */
    private synchronized List<Segment> nextMerge() {
        if (segments.size() >= TIER) {
            List<Segment> newest = List.copyOf(segments.subList(segments.size() - TIER, segments.size()));
            long min = Long.MAX_VALUE;
            long max = 0;
            for (Segment s : newest) {
                min = Math.min(min, s.entries);
                max = Math.max(max, s.entries);
            }
            if (max <= 2 * min) {
                return newest;
            }
        }
        if (segments.size() > MAX_SEGMENTS) {
            int best = 0;
            for (int i = 1; i + 1 < segments.size(); i++) {
                if (segments.get(i).entries + segments.get(i + 1).entries
                        < segments.get(best).entries + segments.get(best + 1).entries) {
                    best = i;
                }
            }
            return List.copyOf(segments.subList(best, best + 2));
        }
        return null;
    }

    private static SegmentName mergedName(List<Segment> inputs) {
        int generation = 0;
        for (Segment s : inputs) {
            generation = Math.max(generation, s.name.generation());
        }
        return new SegmentName(inputs.get(0).name.lo(), inputs.get(inputs.size() - 1).name.hi(), generation);
    }

    private void replace(List<Segment> inputs, SegmentName name, long dropLastBefore) throws IOException {
        Merge.write(inputs, dir, name, dropLastBefore);
        swapIn(inputs, Segment.open(dir.resolve(name.fileName()), name));
    }

    /** Puts a merged segment where its inputs were and deletes them (under the monitor). */
    private void swapIn(List<Segment> inputs, Segment merged) throws IOException {
        int at = segments.indexOf(inputs.get(0));
        segments.removeAll(inputs);
        segments.add(at, merged);
        for (Segment s : inputs) {
            s.close();
            Files.delete(s.path);
        }
    }

    /** Drops values last seen before {@code now} minus the retention, merging everything into one segment. */
    public synchronized void compact(Instant now) throws IOException {
        flush();
        awaitMerger();
        if (segments.isEmpty()) {
            return;
        }
        long cutoff = micros(now) - micros(options.retention());
        int generation = segments.stream().mapToInt(s -> s.name.generation()).max().orElse(0) + 1;
        SegmentName name = new SegmentName(segments.get(0).name.lo(), segments.get(segments.size() - 1).name.hi(), generation);
        replace(List.copyOf(segments), name, cutoff);
    }

    /** What is known about one value. */
    public synchronized Optional<Seen> lookup(ObservationType type, String value) {
        return Optional.ofNullable(lookupAll(type, List.of(value)).get(value));
    }

    /**
     * What is known about each of {@code values} that was seen (absent ones are missing from the
     * map). Sorts the keys and walks each segment once in key order, so 100k values cost one pass.
     */
    public synchronized Map<String, Seen> lookupAll(ObservationType type, Collection<String> values) {
        awaitFlusher();
        TreeMap<byte[], String> queries = new TreeMap<>(Keys::compare);
        for (String v : values) {
            queries.put(Keys.of(type, v), v);
        }
        Map<byte[], Entry> found = new TreeMap<>(Keys::compare);
        try {
            for (Segment s : segments) {
                Segment.Cursor c = s.cursor();
                try {
                    for (byte[] key : queries.keySet()) {
                        fold(found, key, c.find(key));
                    }
                } finally {
                    c.close();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("history " + dir + ": lookup failed", e);
        }
        for (Map.Entry<byte[], String> q : queries.entrySet()) {
            int e = memory.find(type, q.getValue());
            if (e >= 0) {
                fold(found, q.getKey(), memory.entry(e, this::sensorName));
            }
        }
        Map<String, Seen> out = new HashMap<>();
        found.forEach((key, entry) -> out.put(queries.get(key), entry.toSeen()));
        return out;
    }

    private static void fold(Map<byte[], Entry> found, byte[] key, Entry e) {
        if (e != null) {
            found.merge(key, e, (a, b) -> {
                a.absorb(b);
                return a;
            });
        }
    }

    /** Every observed domain equal to {@code domain} or a subdomain of it, in key order. */
    public synchronized List<Seen> lookupSuffix(String domain) {
        awaitFlusher();
        byte[] prefix = Keys.of(ObservationType.DOMAIN, domain);
        Map<byte[], Entry> found = new TreeMap<>(Keys::compare);
        try {
            for (Segment s : segments) {
                scan(s, prefix, c -> {
                    int after = c.keyByteAt(prefix.length);
                    return after == -1 || after == '.';
                }, found, null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("history " + dir + ": lookup failed", e);
        }
        String dotted = "." + domain;
        memory.forEachOfType(ObservationType.DOMAIN, this::sensorName, e -> {
            String v = Keys.value(e.key);
            if (v.equals(domain) || v.endsWith(dotted)) {
                fold(found, e.key, e);
            }
        });
        return found.values().stream().map(Entry::toSeen).toList();
    }

    /**
     * Every observed value of {@code type} whose text starts with {@code prefix} and that
     * {@code accept} takes, in key order: one range scan per segment. An empty prefix scans the
     * whole type (IPv6 ranges, whose compressed text has no useful prefix). Not for domains, whose
     * keys are stored reversed: see {@link #lookupSuffix}.
     */
    public synchronized List<Seen> lookupPrefix(ObservationType type, String prefix, java.util.function.Predicate<String> accept) {
        awaitFlusher();
        if (type == ObservationType.DOMAIN) {
            throw new IllegalArgumentException("domains are looked up by suffix, not prefix");
        }
        Map<byte[], Entry> found = new TreeMap<>(Keys::compare);
        prefixInto(type, List.of(prefix), accept, found);
        return found.values().stream().map(Entry::toSeen).toList();
    }

    /**
     * Every observed address inside the range {@code cidr} ({@code 10.1.16.0/20}, {@code 2001:db8::/32}),
     * in key order. IPv4 ranges scan the few text prefixes that cover them; IPv6 ranges scan the IPv6
     * addresses (see {@link Cidr}).
     *
     * @throws IllegalArgumentException when {@code cidr} is not an address range
     */
    public synchronized List<Seen> lookupRange(String cidr) {
        awaitFlusher();
        Cidr range = Cidr.parse(cidr).orElseThrow(() -> new IllegalArgumentException("not an address range: " + cidr));
        Map<byte[], Entry> found = new TreeMap<>(Keys::compare);
        prefixInto(range.v6() ? ObservationType.IPV6 : ObservationType.IPV4, range.prefixes(), range.members(), found);
        return found.values().stream().map(Entry::toSeen).toList();
    }

    private void prefixInto(ObservationType type, List<String> prefixes, java.util.function.Predicate<String> accept,
                            Map<byte[], Entry> found) {
        // Prefixes may overlap ("10.1.2.12" and "10.1.2.120"): an entry is taken once per source.
        java.util.Set<byte[]> taken = new java.util.TreeSet<>(Keys::compare);
        try {
            for (Segment s : segments) {
                taken.clear();
                for (String prefix : prefixes) {
                    scan(s, Keys.of(type, prefix), c -> accept.test(Keys.value(c.entry().key)), found, taken);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("history " + dir + ": lookup failed", e);
        }
        memory.forEachOfType(type, this::sensorName, e -> {
            String v = Keys.value(e.key);
            if (prefixes.stream().anyMatch(v::startsWith) && accept.test(v)) {
                fold(found, e.key, e);
            }
        });
    }

    /**
     * Walks the keys of one segment that start with {@code prefix}, folding into {@code found} each
     * entry {@code keep} takes (and, with {@code taken}, that was not taken before in this segment).
     */
    private static void scan(Segment s, byte[] prefix, java.util.function.Predicate<Segment.Cursor> keep,
                             Map<byte[], Entry> found, java.util.Set<byte[]> taken) throws IOException {
        if (s.blocks() == 0) {
            return;
        }
        Segment.Cursor c = s.cursor();
        try {
            c.seekBlock(Math.max(0, s.blockFor(prefix)));
            while (c.next()) {
                if (c.compareKey(prefix) < 0) {
                    continue;
                }
                if (!c.keyStartsWith(prefix)) {
                    return;
                }
                if (keep.test(c)) {
                    Entry e = c.entry();
                    if (taken == null || taken.add(e.key)) {
                        fold(found, e.key, e);
                    }
                }
            }
        } finally {
            c.close();
        }
    }

    /** Segment count, stored values and bytes on disk, once the flush and merges under way are done. */
    public synchronized Stats stats() {
        awaitFlusher();
        try {
            awaitMerger();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long stored = 0;
        long bytes = 0;
        for (Segment s : segments) {
            stored += s.entries;
            bytes += s.fileBytes;
        }
        return new Stats(segments.size(), stored, memory.size(), bytes);
    }

    /** Flushes and releases the directory. */
    @Override
    public synchronized void close() throws IOException {
        try {
            flush();
            awaitMerger();
        } finally {
            closeFiles();
        }
    }

    private void closeFiles() throws IOException {
        for (Segment s : segments) {
            s.close();
        }
        segments.clear();
        lock.release();
        lockChannel.close();
    }

    static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
    }

    private static long micros(Duration d) {
        return Math.addExact(Math.multiplyExact(d.getSeconds(), 1_000_000L), d.getNano() / 1000);
    }

    /** Makes a rename in {@code dir} durable (POSIX: fsync the directory). */
    static void syncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            if (!System.getProperty("os.name", "").startsWith("Windows")) {
                throw e;
            }
            // Windows cannot open a directory as a file; its rename is durable by itself
        }
    }
}
