package org.threatledger.taxii;

import java.time.Instant;

/** One object version sent to or received from a partner, as the disclosure log records it. */
public record Disclosure(long seq, Instant time, String partner, Direction direction, String objectId,
                         String version, String requestId) {

    /** Which way the object went. */
    public enum Direction { SENT, RECEIVED }
}
