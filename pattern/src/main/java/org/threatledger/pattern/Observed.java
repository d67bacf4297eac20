package org.threatledger.pattern;

import java.util.List;

/**
 * What a pattern is evaluated against: one observed record, seen as the STIX cyber-observable
 * objects it stands for (a Zeek conn line is a {@code network-traffic} with {@code src_ref} and
 * {@code dst_ref} addresses; a dns line a {@code domain-name}, and so on). Telemetry adapters
 * implement it lazily over the fields they parsed, so it costs nothing unless a pattern asks.
 */
public interface Observed {
    /**
     * The values at an object path, e.g. {@code domain-name:value} -> ["evil.example"],
     * {@code network-traffic:dst_port} -> [443], {@code network-traffic:dst_ref.value} -> ["10.0.0.1"];
     * empty when the record has no such object or property. Values are String, Long, Double,
     * Boolean, java.time.Instant or byte[].
     */
    List<Object> values(ObjectPath path);

    /** The record's event time, microseconds since the epoch (UTC). */
    long timeMicros();

    /** The sensor that saw it: windows of multi-observation patterns are kept per sensor. */
    String sensor();
}
