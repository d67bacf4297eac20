package org.threatledger.pipeline;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.threatledger.history.History;
import org.threatledger.match.Observation;

/**
 * Records observations in the history on a thread of its own, so the hunt thread only parses and
 * matches: on two cores the history (hashing every value, sorting and writing segments when the
 * in-memory table fills) runs beside the hunt instead of after each line. Observations travel in
 * batches of {@value #BATCH}; at most {@value #QUEUED} batches wait, which bounds memory and makes
 * the hunt wait when the history falls behind. {@link #close()} records what is left, flushes, and
 * rethrows a failure of the history thread.
 */
final class HistoryFeeder implements AutoCloseable {
    private static final int BATCH = 8192;
    private static final int QUEUED = 8;
    private static final Observation[] END = new Observation[0];

    private final BlockingQueue<Observation[]> queue = new ArrayBlockingQueue<>(QUEUED);
    private final Thread thread;
    private final History history;
    private volatile RuntimeException failure;
    private Observation[] batch = new Observation[BATCH];
    private int size;

    HistoryFeeder(History history) {
        this.history = history;
        thread = Thread.ofPlatform().daemon().name("threatledger-history").start(() -> {
            try {
                for (Observation[] b = queue.take(); b != END; b = queue.take()) {
                    int n = 0;
                    while (n < b.length && b[n] != null) {
                        n++;
                    }
                    history.recordAll(b, n);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                failure = e;
                queue.clear();
            }
        });
    }

    /** Queues one observation (the hunt's hot path: an array store, a hand-off every {@value #BATCH}). */
    void record(Observation o) {
        batch[size++] = o;
        if (size == BATCH) {
            handOff();
        }
    }

    private void handOff() {
        if (failure != null) {
            throw failure;
        }
        try {
            queue.put(batch);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while recording the history", e);
        }
        batch = new Observation[BATCH];
        size = 0;
    }

    /**
     * Records what is queued, then flushes the history: when this returns, every observation
     * recorded is durable (a hunt's figures then include writing its last segment).
     */
    @Override
    public void close() {
        if (size > 0) {
            handOff();
        }
        try {
            queue.put(END);
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while recording the history", e);
        }
        if (failure != null) {
            throw failure;
        }
        try {
            history.flush();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("history: the last values recorded could not be written", e);
        }
    }
}
