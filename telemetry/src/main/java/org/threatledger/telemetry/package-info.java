/**
 * Telemetry adapters: read Zeek (TSV and JSON), Squid and mapped JSON-lines/CSV logs and turn each
 * record into {@link org.threatledger.match.Observation}s, normalised once, each keeping its source
 * line, Zeek uid, event time, sensor and a lazy STIX view of the whole record.
 *
 * <p>Entry points: {@link org.threatledger.telemetry.TelemetryReader} (files, {@code .gz},
 * directories, stdin, follow mode) and the explicit adapter list
 * {@link org.threatledger.telemetry.TelemetryAdapters}.
 */
package org.threatledger.telemetry;
