package org.threatledger.pipeline;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Stores batches on a thread of its own while the importer reads on, so parsing and validating one
 * batch overlaps with writing the previous one (two cores, twice the work in flight). Batches are
 * written one at a time in submission order; at most {@value #IN_FLIGHT} wait, which bounds memory.
 * After a failure nothing more is written, and {@link #drain()} rethrows it.
 */
final class BatchWriter implements AutoCloseable {
    private static final int IN_FLIGHT = 2;

    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "threatledger-store-writer");
        t.setDaemon(true);
        return t;
    });
    private final Semaphore slots = new Semaphore(IN_FLIGHT);
    private final Deque<Future<?>> pending = new ArrayDeque<>();
    private volatile Throwable failure;

    /** Queues one batch; blocks while {@value #IN_FLIGHT} batches wait. */
    void submit(Runnable batch) {
        if (failure != null) {
            drain();
        }
        slots.acquireUninterruptibly();
        pending.add(thread.submit(() -> {
            try {
                if (failure == null) {
                    batch.run();
                }
            } catch (RuntimeException | Error e) {
                failure = e;
                throw e;
            } finally {
                slots.release();
            }
        }));
        while (!pending.isEmpty() && pending.peekFirst().isDone()) {
            pending.pollFirst();
        }
    }

    /** Waits for every queued batch; rethrows the first failure. */
    void drain() {
        while (!pending.isEmpty()) {
            try {
                pending.pollFirst().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while storing", e);
            } catch (ExecutionException e) {
                // the failure is rethrown below, once
            }
        }
        Throwable f = failure;
        if (f instanceof RuntimeException r) {
            throw r;
        }
        if (f instanceof Error err) {
            throw err;
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
