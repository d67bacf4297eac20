package org.threatledger.telemetry;

import java.util.List;
import java.util.Optional;

/** The telemetry adapters, registered explicitly, in the order auto-detection tries them. */
public final class TelemetryAdapters {
    private static final List<TelemetryAdapter> ALL = List.of(
            new ZeekTsvAdapter(), new ZeekJsonAdapter(), new SquidAdapter(), new JsonLinesAdapter(), new CsvAdapter());

    private TelemetryAdapters() {}

    /** Every adapter, most specific first. */
    public static List<TelemetryAdapter> all() {
        return ALL;
    }

    /** The adapter of a format name; fails naming the known formats. */
    public static TelemetryAdapter named(String format) {
        for (TelemetryAdapter a : ALL) {
            if (a.format().equals(format)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown telemetry format '" + format + "': expected auto or one of "
                + ALL.stream().map(TelemetryAdapter::format).toList());
    }

    /** The first adapter that recognises an input by its name and first bytes. */
    public static Optional<TelemetryAdapter> detect(String fileName, byte[] head, int length, TelemetryOptions options) {
        return ALL.stream().filter(a -> a.recognises(fileName, head, length, options)).findFirst();
    }
}
