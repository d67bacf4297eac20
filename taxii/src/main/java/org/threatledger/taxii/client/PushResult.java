package org.threatledger.taxii.client;

import java.util.List;

/**
 * What the server said about the objects of one push, from its status resources (TAXII 2.1 status
 * resource: {@code successes}, {@code failures}, {@code pendings}).
 *
 * @param total     objects offered
 * @param requests  POST requests sent (one per envelope that fits {@code max_content_length})
 * @param successes objects the server stored
 * @param failures  objects the server (or the size limit, before sending) refused, with why
 * @param pending   objects still pending when the client stopped polling
 */
public record PushResult(int total, int requests, List<Outcome> successes, List<Outcome> failures, List<Outcome> pending) {

    /** One object's outcome: id, version and the server's message (may be null). */
    public record Outcome(String id, String version, String message) {
        @Override
        public String toString() {
            return id + (version == null ? "" : " " + version) + (message == null ? "" : ": " + message);
        }
    }

    public PushResult {
        successes = List.copyOf(successes);
        failures = List.copyOf(failures);
        pending = List.copyOf(pending);
    }
}
