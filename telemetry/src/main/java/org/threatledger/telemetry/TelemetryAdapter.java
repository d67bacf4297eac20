package org.threatledger.telemetry;

/**
 * One telemetry format. Adapters are registered explicitly in {@link TelemetryAdapters}.
 */
public interface TelemetryAdapter {
    /** The format's name, as {@code hunt --format} spells it. */
    String format();

    /** Whether an input with this file name and these first bytes is in this format. */
    boolean recognises(String fileName, byte[] head, int length, TelemetryOptions options);

    /** A parser for one input (per-input state such as a header lives in it). */
    LineParser open(String source, TelemetryOptions options);
}
