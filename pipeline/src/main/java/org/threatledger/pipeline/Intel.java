package org.threatledger.pipeline;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.threatledger.match.IndicatorSet;
import org.threatledger.match.Matcher;
import org.threatledger.stix.IocEntry;
import org.threatledger.stix.StixObject;
import org.threatledger.store.KnowledgeStore;
import org.threatledger.store.StoredObject;

/** The current intel as an {@link IndicatorSet}, and a watch that swaps in a new one when intel changes. */
public final class Intel {
    private Intel() {}

    /** Compiles every current list entry and STIX indicator. */
    public static IndicatorSet compile(KnowledgeStore store) {
        List<IocEntry> entries = new ArrayList<>();
        store.forEachEntry(entries::add);
        return compile(store, entries);
    }

    /**
     * Compiles every current list entry and STIX indicator, reading the compiled set from the cache in
     * {@code cacheDir} when it was compiled from the same intel ({@link SetCache}), and else the list
     * entries when the cache holds the store's current lists ({@link EntryCache}); what was compiled
     * or read from the store is cached for the next time.
     */
    public static IndicatorSet compile(KnowledgeStore store, Path cacheDir) {
        List<StixObject> indicators = stixIndicators(store);
        String lists = store.entriesFingerprint();
        String label = lists == null ? null : SetCache.label(lists, indicators);
        IndicatorSet cached = label == null ? null : SetCache.read(cacheDir, label);
        if (cached != null) {
            return cached;
        }
        IndicatorSet set = IndicatorSet.compile(EntryCache.entries(store, cacheDir), indicators);
        if (label != null) {
            SetCache.write(cacheDir, label, set);
        }
        return set;
    }

    private static IndicatorSet compile(KnowledgeStore store, List<IocEntry> entries) {
        return IndicatorSet.compile(entries, stixIndicators(store));
    }

    /**
     * The current STIX indicators to compile, as stored (parsed only if they are compiled). An
     * indicator with x_threatledger_list_ref is a list entry written out as STIX (for a sighting or
     * an export); the entry itself is in the set already. A hunt that found a thousand indicators
     * has stored a thousand of those, which the store now leaves out without parsing them here.
     */
    private static List<StixObject> stixIndicators(KnowledgeStore store) {
        List<StixObject> indicators = new ArrayList<>();
        store.forEachCurrentWithout("indicator", "x_threatledger_list_ref", s -> indicators.add(s.object()));
        return indicators;
    }

    /** Starts a watch: every few seconds, if indicators or lists changed, recompile and swap. */
    public static Watch watch(KnowledgeStore store, Matcher matcher) {
        return new Watch(store, matcher, 5_000);
    }

    /**
     * Polls the store for new indicator or list versions and swaps a freshly compiled set into the
     * matcher. The hunt thread never waits: it reads the matcher's volatile snapshot.
     */
    public static final class Watch implements AutoCloseable {
        private final Thread thread;

        Watch(KnowledgeStore store, Matcher matcher, long periodMillis) {
            Instant[] since = {Instant.now()};
            thread = Thread.ofPlatform().daemon().name("threatledger-intel-watch").start(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    try {
                        Thread.sleep(periodMillis);
                    } catch (InterruptedException e) {
                        return;
                    }
                    Instant now = Instant.now();
                    List<StoredObject> changed = store.changesSince(since[0], 10_000);
                    since[0] = now;
                    boolean intel = changed.stream().map(s -> s.object().type())
                            .anyMatch(t -> t.equals("indicator") || t.equals("x-threatledger-ioc-list"));
                    if (intel) {
                        matcher.swap(compile(store));
                    }
                }
            });
        }

        @Override
        public void close() {
            thread.interrupt();
        }
    }
}
