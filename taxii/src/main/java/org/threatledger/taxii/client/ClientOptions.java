package org.threatledger.taxii.client;

import java.time.Duration;

/**
 * Limits and pacing of a {@link TaxiiClient}. Every limit exists because a hostile or broken server
 * could otherwise make the client loop, wait or buffer forever.
 *
 * @param pageSize         the {@code limit} asked of the server per page (it may send fewer)
 * @param maxPages         pages one pull may walk before it stops with an error (endless {@code next})
 * @param maxResponseBytes bytes one response may have; enforced while reading, not after
 * @param maxTries         tries per request on 429, 5xx and connection errors (the first included)
 * @param firstDelay       the first backoff delay; it doubles on each retry
 * @param maxDelay         the longest single wait; a {@code Retry-After} beyond it stops the client
 * @param statusPolls      how many times a push polls a pending status resource
 * @param requestTimeout   the time one request may take until its response headers arrive
 * @param sleeper          how the client waits between tries (tests record the waits)
 */
public record ClientOptions(int pageSize, int maxPages, long maxResponseBytes, int maxTries,
        Duration firstDelay, Duration maxDelay, int statusPolls, Duration requestTimeout, Sleeper sleeper) {

    /** Waits between tries. */
    @FunctionalInterface
    public interface Sleeper {
        /** Blocks for {@code duration}. */
        void sleep(Duration duration) throws InterruptedException;
    }

    public ClientOptions {
        if (pageSize < 1 || maxPages < 1 || maxResponseBytes < 1024 || maxTries < 1 || statusPolls < 0) {
            throw new IllegalArgumentException("client limits must be positive (page size, pages, tries) and at least 1 KB per response");
        }
        if (firstDelay.isNegative() || maxDelay.isNegative() || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("client delays must not be negative and the request timeout must be positive");
        }
    }

    /** 1,000 objects a page, 100,000 pages, 64 MB a response, 5 tries from 1 s up to 60 s, 30 status polls. */
    public static ClientOptions defaults() {
        return new ClientOptions(1000, 100_000, 64L * 1024 * 1024, 5, Duration.ofSeconds(1), Duration.ofSeconds(60), 30,
                Duration.ofSeconds(60), d -> Thread.sleep(d));
    }

    public ClientOptions withPageSize(int n) {
        return new ClientOptions(n, maxPages, maxResponseBytes, maxTries, firstDelay, maxDelay, statusPolls, requestTimeout, sleeper);
    }

    public ClientOptions withMaxPages(int n) {
        return new ClientOptions(pageSize, n, maxResponseBytes, maxTries, firstDelay, maxDelay, statusPolls, requestTimeout, sleeper);
    }

    public ClientOptions withMaxResponseBytes(long n) {
        return new ClientOptions(pageSize, maxPages, n, maxTries, firstDelay, maxDelay, statusPolls, requestTimeout, sleeper);
    }

    public ClientOptions withSleeper(Sleeper s) {
        return new ClientOptions(pageSize, maxPages, maxResponseBytes, maxTries, firstDelay, maxDelay, statusPolls, requestTimeout, s);
    }
}
