package org.threatledger.telemetry;

import java.util.function.Function;

/** What JSON-lines and CSV records share once their fields can be looked up by name. */
final class MappedRecords {
    private MappedRecords() {}

    static FieldMapping required(TelemetryOptions options, String format) {
        if (options.mapping() == null) {
            throw new IllegalArgumentException("format " + format + " needs a field mapping (--mapping FILE)");
        }
        return options.mapping();
    }

    /** Opens the record in the sink and observes its mapped fields; a bad time fails the line. */
    static ParseError observe(FieldMapping mapping, Function<String, String> text, long line, RecordSink sink) {
        long time = mapping.time(text);
        if (time == Times.BAD) {
            return ParseError.BAD_TIME;
        }
        String sensor = mapping.sensorField == null ? null : text.apply(mapping.sensorField);
        String uid = mapping.uidField == null ? null : text.apply(mapping.uidField);
        sink.begin(line, time, uid, sensor, () -> new MappedObserved(mapping, text, time, sink.sensor()));
        mapping.observe(text, sink);
        return null;
    }
}
