package org.threatledger.match;

import org.threatledger.pattern.Observed;

/**
 * One thing seen in telemetry, normalised once by the adapter that read it (DESIGN.md glossary).
 *
 * @param type       the kind of value
 * @param value      the normalised value
 * @param port       the port that goes with an address ({@code CONN_RESP} 443), else -1
 * @param timeMicros event time, microseconds since the epoch (UTC)
 * @param where      the field it came from
 * @param sensor     the sensor name ({@code --sensor}, else the host that wrote the log)
 * @param source     the file (or {@code -} for stdin) it was read from
 * @param line       1-based line in that file
 * @param uid        the Zeek uid (or another record id) when the log has one, else null
 * @param record     the whole record as STIX observables, for evaluating full patterns; null when
 *                   the source gives single values only
 */
public record Observation(
        ObservationType type, String value, int port, long timeMicros, Where where,
        String sensor, String source, long line, String uid, Observed record) {
}
