package org.threatledger.pipeline;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.threatledger.history.History;
import org.threatledger.history.ValueBatch;
import org.threatledger.match.Observation;
import org.threatledger.match.ObservationType;

/**
 * Records observed values in the history on a thread of its own, so the hunt thread only parses and
 * matches: on two cores the history (hashing every value, sorting and writing segments when the
 * in-memory table fills) runs beside the hunt instead of after each line. Values travel in
 * {@link ValueBatch}es of {@value #BATCH} (bytes in an arena, no object per value); at most
 * {@value #QUEUED} batches wait, which bounds memory and makes the hunt wait when the history falls
 * behind, and recorded batches come back to be filled again. {@link #close()} records what is left,
 * flushes, and rethrows a failure of the history thread.
 */
final class HistoryFeeder implements AutoCloseable {
    private static final int BATCH = 8192;
    private static final int QUEUED = 8;
    private static final ValueBatch END = new ValueBatch(0);

    private final BlockingQueue<ValueBatch> queue = new ArrayBlockingQueue<>(QUEUED + 1);
    private final BlockingQueue<ValueBatch> free = new ArrayBlockingQueue<>(QUEUED + 2);
    private final Thread thread;
    private final History history;
    private volatile RuntimeException failure;
    private ValueBatch batch = new ValueBatch(BATCH);

    HistoryFeeder(History history) {
        this.history = history;
        for (int i = 0; i < QUEUED; i++) {
            free.add(new ValueBatch(BATCH));
        }
        thread = Thread.ofPlatform().daemon().name("threatledger-history").start(() -> {
            try {
                for (ValueBatch b = queue.take(); b != END; b = queue.take()) {
                    history.recordAll(b);
                    b.clear();
                    free.offer(b);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                failure = e;
                queue.clear();
                free.offer(new ValueBatch(BATCH)); // a hunt waiting for a batch finds one, and then the failure
            }
        });
    }

    /** Queues one observation. */
    void record(Observation o) {
        batch.add(o.type(), o.value(), o.timeMicros(), o.sensor());
        if (batch.isFull()) {
            handOff();
        }
    }

    /**
     * Queues one value given as ASCII bytes {@code b[from, to)} (the hunt's hot path: the bytes are
     * copied into the batch, a hand-off every {@value #BATCH}).
     */
    void recordAscii(ObservationType type, byte[] b, int from, int to, long timeMicros, String sensor) {
        batch.addAscii(type, b, from, to, timeMicros, sensor);
        if (batch.isFull()) {
            handOff();
        }
    }

    private void handOff() {
        if (failure != null) {
            throw failure;
        }
        try {
            queue.put(batch);
            batch = free.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while recording the history", e);
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Records what is queued, then flushes the history: when this returns, every observation
     * recorded is durable (a hunt's figures then include writing its last segment).
     */
    @Override
    public void close() {
        if (batch.size() > 0) {
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
