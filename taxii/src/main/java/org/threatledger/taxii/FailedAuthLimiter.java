package org.threatledger.taxii;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed-authentication rate limiting per client address: after {@code maxFailures} failures within
 * a fixed window of {@code windowMillis}, the address gets 429 until the window ends (successful
 * requests do not count). The map forgets expired windows when it grows, so memory stays bounded
 * by the addresses that failed recently.
 */
public final class FailedAuthLimiter {
    private static final int PURGE_ABOVE = 100_000;

    private record Window(long start, int failures) {
    }

    private final int maxFailures;
    private final long windowMillis;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    public FailedAuthLimiter(int maxFailures, long windowMillis) {
        this.maxFailures = maxFailures;
        this.windowMillis = windowMillis;
    }

    /** Whether this address has used up its failures for the current window. */
    public boolean blocked(String address, long nowMillis) {
        Window w = windows.get(address);
        return w != null && nowMillis - w.start < windowMillis && w.failures >= maxFailures;
    }

    /** Counts one failed authentication from this address. */
    public void recordFailure(String address, long nowMillis) {
        if (windows.size() > PURGE_ABOVE) {
            windows.values().removeIf(w -> nowMillis - w.start >= windowMillis);
        }
        windows.compute(address, (a, w) -> w == null || nowMillis - w.start >= windowMillis
                ? new Window(nowMillis, 1) : new Window(w.start, w.failures + 1));
    }
}
