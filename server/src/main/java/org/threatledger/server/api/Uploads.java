package org.threatledger.server.api;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.threatledger.history.History;
import org.threatledger.store.KnowledgeStore;
import org.threatledger.taxii.DisclosureLog;
import org.threatledger.taxii.Partner;

/**
 * What the upload resources ({@code POST /api/imports}, {@code POST /api/hunts}) share: the
 * writable store, the disclosure log, the hunt history, and the rule that one upload runs at a
 * time. The history belongs to one process at a time (its lock file), and on a small machine two
 * imports would only slow each other; a second upload waits for the first.
 *
 * <p>Who may upload: our own organisation, or a partner with a write right on any collection.
 * Everyone else may read only (403).
 *
 * @param historyDir the hunt history's directory, or null for none (hunts record no history,
 *                   imports run no retro-hunt)
 */
record Uploads(KnowledgeStore store, DisclosureLog log, Path historyDir, ReentrantLock lock) {

    Uploads(KnowledgeStore store, DisclosureLog log, Path historyDir) {
        this(store, log, historyDir, new ReentrantLock(true));
    }

    /** Whether a partner may upload feeds and telemetry. */
    static boolean mayWrite(Partner partner) {
        return !partner.revoked() && (partner.ownOrg() || !partner.write().isEmpty());
    }

    /** Runs one upload once no other runs. */
    <T> T exclusive(Supplier<T> upload) {
        lock.lock();
        try {
            return upload.get();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The current intel compiled for one hunt. With a history, the list entries come through the
     * entry cache in the home's {@code cache} directory beside it, as for the CLI's {@code hunt}.
     */
    org.threatledger.match.IndicatorSet compileIntel() {
        return historyDir == null ? org.threatledger.pipeline.Intel.compile(store)
                : org.threatledger.pipeline.Intel.compile(store, historyDir.resolveSibling("cache"));
    }

    /** The history, opened for one hunt; null when there is none; a 409 when another process holds it. */
    History openHistory() {
        if (historyDir == null) {
            return null;
        }
        try {
            return History.open(historyDir);
        } catch (IOException e) {
            throw historyBusy();
        }
    }

    static ApiException historyBusy() {
        return new ApiException(409, "Conflict",
                "the hunt history is in use by another process (a hunt or retro-hunt); try again when it is done");
    }
}
