package org.threatledger.taxii.client;

import java.util.List;
import java.util.Optional;

/**
 * What one pull did. A pull that stopped early still delivered every valid object before the
 * stop, and its {@link #state()} resumes after the last complete page.
 *
 * @param state      the state to store for the next pull
 * @param pages      pages read
 * @param delivered  valid objects handed to the consumer
 * @param duplicates objects dropped because they were delivered before at the {@code added_after} boundary
 * @param skipped    objects that were not valid STIX, not delivered
 * @param failure    why the pull stopped early, empty if it walked the collection to the end or to its limit
 */
public record PullResult(PullState state, int pages, long delivered, long duplicates, List<Skipped> skipped,
        Optional<TaxiiException> failure) {

    /** An object that was not delivered, and why. */
    public record Skipped(String url, String objectId, String type, String reason) {
        @Override
        public String toString() {
            return url + (objectId == null ? "" : " " + objectId) + ": " + reason;
        }
    }

    public PullResult {
        skipped = List.copyOf(skipped);
    }
}
