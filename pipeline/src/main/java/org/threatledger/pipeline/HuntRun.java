package org.threatledger.pipeline;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;
import org.threatledger.history.History;
import org.threatledger.match.Hit;
import org.threatledger.match.IndicatorRef;
import org.threatledger.match.IndicatorSet;
import org.threatledger.match.Matcher;
import org.threatledger.match.Observation;
import org.threatledger.match.ObservationType;
import org.threatledger.match.Where;
import org.threatledger.pattern.CompiledPattern;
import org.threatledger.pattern.Observed;
import org.threatledger.pattern.PatternMatcher;
import org.threatledger.sighting.SightingAggregator;
import org.threatledger.stix.IocEntry;
import org.threatledger.stix.IocIndicators;
import org.threatledger.stix.StixObject;
import org.threatledger.store.KnowledgeStore;
import org.threatledger.store.Provenance;
import org.threatledger.telemetry.RecordSink;
import org.threatledger.telemetry.ValueSink;

/**
 * One hunt: every observation is recorded in the history and matched against the current
 * {@link IndicatorSet}; patterns that need full evaluation are evaluated on their candidates; hits
 * become sightings per (indicator, sensor, window). A sighting is stored before it is reported, so a
 * kill mid-hunt loses nothing already printed.
 */
public final class HuntRun implements ValueSink {
    private static final int STORE_BATCH = 1000;

    private final KnowledgeStore store;
    private final Matcher matcher;
    private final HistoryFeeder history;
    private final Attribution attribution;
    private final SightingAggregator sightings;
    private final Consumer<StixObject> reported;
    private final String source;
    private final List<StixObject> pending = new ArrayList<>();
    private final Map<String, Boolean> materialised = new HashMap<>();
    private final Map<Integer, CompiledPattern> compiled = new HashMap<>();
    private final Map<Integer, PatternMatcher> streams = new HashMap<>();
    private final Map<String, Long> hitsByActor = new LinkedHashMap<>();
    private final Map<String, Long> hitsByIndicator = new HashMap<>();
    private Observed lastRecord;
    private final java.util.Set<Integer> evaluatedForRecord = new java.util.HashSet<>();
    private long observations;
    private long hits;
    private long sightingCount;
    private long watermark = Long.MIN_VALUE;
    private long lastFlush = Long.MIN_VALUE;
    private final long windowMicros;

    /** The set whose indicators {@link #refs} holds. */
    private IndicatorSet refsOf;
    /** The indicators hit so far, by ordinal in {@link #refsOf}: a list entry's id is a SHA-1 to compute. */
    private final Map<Integer, IndicatorRef> refs = new HashMap<>();

    public HuntRun(KnowledgeStore store, Matcher matcher, History history, SightingAggregator.Options options,
            Attribution attribution, Consumer<StixObject> reported, String source) {
        this.store = store;
        this.matcher = matcher;
        this.history = history == null ? null : new HistoryFeeder(history);
        this.attribution = attribution;
        this.sightings = new SightingAggregator(options);
        this.reported = reported;
        this.source = source;
        this.windowMicros = options.window().toNanos() / 1000;
    }

    /**
     * Whether observations must carry their whole record: only while the current indicator set has
     * patterns that need full evaluation (give it to {@code TelemetryReader.recordsWanted}).
     */
    public boolean wantsRecords() {
        return matcher.current().needsRecords();
    }

    /** Records and matches one observation. */
    @Override
    public void accept(Observation o) {
        observations++;
        if (history != null) {
            history.record(o);
        }
        IndicatorSet set = matcher.current();
        int[] ordinals = set.lookup(o);
        if (ordinals.length != 0) {
            hit(new Hit(o, set, ordinals));
        }
        if (o.record() != null) {
            set.candidates(o, ordinal -> evaluate(set, ordinal, o));
        }
        advance(o.timeMicros());
    }

    /**
     * Records and matches one value read as bytes (the hot path: no String and no observation
     * unless it hits). The reader hands values over this way only while no pattern needs records,
     * so there are no candidates to evaluate.
     */
    @Override
    public void acceptAscii(ObservationType type, byte[] b, int from, int to, Where where, RecordSink record) {
        observations++;
        if (history != null) {
            history.recordAscii(type, b, from, to, record.timeMicros(), record.sensor());
        }
        IndicatorSet set = matcher.current();
        int[] ordinals = set.lookupAscii(type, b, from, to, where);
        if (ordinals.length != 0) {
            String value = new String(b, from, to - from, StandardCharsets.ISO_8859_1);
            hit(new Hit(record.observation(type, value, -1, where), set, ordinals));
        }
        advance(record.timeMicros());
    }

    /** Moves the event-time watermark on, and stores the sightings whose window it closed. */
    private void advance(long timeMicros) {
        if (timeMicros > watermark) {
            watermark = timeMicros;
            if (watermark - lastFlush > windowMicros) {
                lastFlush = watermark;
                sightings.flushClosedWindows(watermark - windowMicros, pending::add);
                storePending(true);
            }
        }
    }

    /** A pattern candidate: evaluate it on the observation's record, once per record. */
    private void evaluate(IndicatorSet set, int ordinal, Observation o) {
        Observed record = o.record();
        if (record != lastRecord) {
            lastRecord = record;
            evaluatedForRecord.clear();
        }
        if (!evaluatedForRecord.add(ordinal)) {
            return;
        }
        CompiledPattern p = compiled.computeIfAbsent(ordinal, k -> set.pattern(k).map(CompiledPattern::compile).orElse(null));
        if (p == null) {
            return;
        }
        boolean matched = p.isSingleObservation()
                ? p.matches(record)
                : streams.computeIfAbsent(ordinal, k -> p.newMatcher()).offer(record).isPresent();
        if (matched) {
            hit(new Hit(o, set, new int[] {ordinal}));
        }
    }

    private void hit(Hit hit) {
        hits++;
        for (int ordinal : hit.indicators()) {
            IndicatorRef ref = ref(hit.set(), ordinal);
            hitsByIndicator.merge(ref.id(), 1L, Long::sum);
            for (String actor : attribution.actorsOf(ref.id(), ref.listId())) {
                hitsByActor.merge(attribution.nameOf(actor), 1L, Long::sum);
            }
            materialise(ref);
        }
        sightings.record(hit, ordinal -> ref(hit.set(), ordinal).id());
    }

    private IndicatorRef ref(IndicatorSet set, int ordinal) {
        if (set != refsOf) {
            refs.clear();
            refsOf = set;
        }
        return refs.computeIfAbsent(ordinal, set::indicator);
    }

    /** A sighting of a list entry refers to the entry's STIX indicator: store that indicator once. */
    private void materialise(IndicatorRef ref) {
        if (ref.listId() == null || materialised.putIfAbsent(ref.id(), Boolean.TRUE) != null) {
            return;
        }
        attribution.list(ref.listId()).ifPresent(list -> pending.add(IocIndicators.indicator(list,
                new IocEntry(ref.listId(), ref.type(), ref.value(), ref.port(), ref.subdomains(), null, null, 0))));
    }

    /**
     * Emits every open sighting and stores what is left, and makes the history durable; call at the
     * end of the hunt. The history's last values are written on a thread of their own meanwhile: that
     * write waits for the background flush before it, and the sightings need not.
     */
    public void finish() {
        FutureTask<Void> closing = null;
        if (history != null) {
            closing = new FutureTask<>(() -> {
                history.close();
                return null;
            });
            Thread.ofPlatform().name("threatledger-history-close").start(closing);
        }
        Throwable failed = null;
        try {
            sightings.drain(pending::add);
            storePending(true);
        } catch (RuntimeException | Error e) {
            failed = e;
            throw e;
        } finally {
            if (closing != null) {
                try {
                    awaitClosed(closing);
                } catch (RuntimeException | Error e) {
                    if (failed == null) {
                        throw e;
                    }
                    failed.addSuppressed(e);
                }
            }
        }
    }

    private static void awaitClosed(FutureTask<Void> closing) {
        try {
            closing.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing the history", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private void storePending(boolean all) {
        if (pending.isEmpty() || !all && pending.size() < STORE_BATCH) {
            return;
        }
        List<StixObject> batch = List.copyOf(pending);
        pending.clear();
        store.put(batch, new Provenance(source, "threatledger hunt", Instant.now(), null));
        for (StixObject o : batch) {
            if (o.type().equals("sighting")) {
                sightingCount++;
                reported.accept(o);
            }
        }
    }

    public long observations() {
        return observations;
    }

    public long hits() {
        return hits;
    }

    public long sightings() {
        return sightingCount;
    }

    public Map<String, Long> hitsByActor() {
        return hitsByActor;
    }

    /** The indicators hit most, most first. */
    public List<Map.Entry<String, Long>> topIndicators(int n) {
        return hitsByIndicator.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(n).toList();
    }
}
