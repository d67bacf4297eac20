package org.threatledger.telemetry;

import java.util.function.Consumer;
import org.threatledger.match.Observation;
import org.threatledger.match.ObservationType;
import org.threatledger.match.Where;

/**
 * A consumer of observations that also takes values straight from the bytes an adapter read them
 * from. Given to {@link TelemetryReader}, an adapter that has a value in normal form as ASCII bytes
 * (the Zeek TSV dns reader: every query and answer) hands it over as {@link #acceptAscii} with no
 * String and no {@link Observation} made; the consumer makes the observation only when it needs
 * one ({@link RecordSink#observation}), for a hit say. Values that need their whole record (a
 * pattern that needs full evaluation), or that are read from several logs merged in time order,
 * still arrive through {@link #accept}.
 */
public interface ValueSink extends Consumer<Observation> {
    /**
     * One normalised value without port, the ASCII bytes {@code b[from, to)}, of the record
     * {@code record} is reading (its time, sensor and source are there). The bytes are only valid
     * during the call.
     */
    void acceptAscii(ObservationType type, byte[] b, int from, int to, Where where, RecordSink record);
}
