package org.threatledger.telemetry;

/**
 * How to read telemetry.
 *
 * @param format  {@code auto} (by content), or one adapter's {@link TelemetryAdapter#format()}
 * @param sensor  the sensor name to give every observation, or null to take it from the log
 *                (Zeek JSON {@code _system}/{@code @system}, a mapped sensor field), else
 *                {@link #DEFAULT_SENSOR}
 * @param mapping the field mapping for JSON-lines/CSV and for Zeek logs without a built-in
 *                adapter, or null
 */
public record TelemetryOptions(String format, String sensor, FieldMapping mapping) {
    /**
     * The sensor of logs that do not name one. Directory names are not used: Zeek's own archive
     * layout puts logs in date directories, so a guess would be wrong more often than right.
     */
    public static final String DEFAULT_SENSOR = "default";

    public TelemetryOptions {
        format = format == null || format.isBlank() ? "auto" : format;
        sensor = sensor == null || sensor.isBlank() ? null : sensor;
    }

    /** Auto-detected format, sensor from the log, no mapping. */
    public static TelemetryOptions defaults() {
        return new TelemetryOptions("auto", null, null);
    }

    /** These options with a fixed sensor name. */
    public TelemetryOptions withSensor(String name) {
        return new TelemetryOptions(format, name, mapping);
    }

    /** These options with a field mapping. */
    public TelemetryOptions withMapping(FieldMapping m) {
        return new TelemetryOptions(format, sensor, m);
    }

    /** These options with a format. */
    public TelemetryOptions withFormat(String f) {
        return new TelemetryOptions(f, sensor, mapping);
    }
}
