package org.threatledger.telemetry;

import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.threatledger.match.Observation;
import org.threatledger.match.ObservationType;
import org.threatledger.match.Where;
import org.threatledger.pattern.Observed;

/**
 * Where a {@link LineParser} puts what it read: it opens a record with {@link #begin}, then reports
 * the record's values with {@link #observe}. Counts lines, records, observations, errors and
 * skipped values for one input.
 *
 * <p>The record's {@link Observed} view is asked of its supplier once, at the first observation of
 * the record, so a record that yields nothing costs no copy; and only while the reader's consumer
 * wants records at all (a hunt without patterns that need full evaluation does not, and then no
 * record is copied).
 */
public final class RecordSink {
    private final String source;
    private final String fixedSensor;
    private final Consumer<Observation> out;
    /** {@code out} when it takes values as bytes too, else null. */
    private final ValueSink values;
    private final BooleanSupplier recordsWanted;
    private final Map<ParseError, Long> errors = new EnumMap<>(ParseError.class);
    private final Map<String, Long> skipped = new HashMap<>();
    private String format;
    private long lines;
    private long records;
    private long observations;

    private long line;
    private long timeMicros;
    private String uid;
    private UidSource uidSource;
    private String sensor;
    private Supplier<Observed> recordView;
    private Observed view;

    RecordSink(String source, String format, String fixedSensor, Consumer<Observation> out,
               BooleanSupplier recordsWanted) {
        this.source = source;
        this.format = format;
        this.fixedSensor = fixedSensor;
        this.out = out;
        this.values = out instanceof ValueSink v ? v : null;
        this.recordsWanted = recordsWanted;
    }

    /** Opens a record: its line, event time, uid (or null), the sensor the log names (or null), and its view. */
    public void begin(long lineNo, long time, String recordUid, String logSensor, Supplier<Observed> viewSupplier) {
        beginWithLazyUid(lineNo, time, null, logSensor, viewSupplier);
        uid = recordUid;
    }

    /**
     * Opens a record whose uid is read only when an observation of it is made ({@link UidSource}):
     * most records of a hunt yield no observation at all, and decoding a uid per record costs a String.
     */
    public void beginWithLazyUid(long lineNo, long time, UidSource recordUid, String logSensor,
                                 Supplier<Observed> viewSupplier) {
        records++;
        line = lineNo;
        timeMicros = time;
        uid = null;
        uidSource = recordUid;
        sensor = fixedSensor != null ? fixedSensor : logSensor != null ? logSensor : TelemetryOptions.DEFAULT_SENSOR;
        recordView = recordsWanted.getAsBoolean() ? viewSupplier : null;
        view = null;
    }

    /** The sensor of the current record. */
    public String sensor() {
        return sensor;
    }

    /** The event time of the current record, microseconds since the epoch. */
    public long timeMicros() {
        return timeMicros;
    }

    /** Passes on one normalised value of the current record. */
    public void observe(ObservationType type, String value, int port, Where where) {
        observations++;
        out.accept(observation(type, value, port, where));
    }

    /**
     * Passes on one normalised value without port of the current record, given as the ASCII bytes
     * {@code b[from, to)}: as bytes to a {@link ValueSink} that needs no record, else as text.
     */
    public void observeAscii(ObservationType type, byte[] b, int from, int to, Where where) {
        if (values != null && recordView == null) {
            observations++;
            values.acceptAscii(type, b, from, to, where, this);
        } else {
            observe(type, new String(b, from, to - from, StandardCharsets.ISO_8859_1), -1, where);
        }
    }

    /** The observation of {@code value} in the current record (its time, sensor, source, line, uid and view). */
    public Observation observation(ObservationType type, String value, int port, Where where) {
        if (view == null && recordView != null) {
            view = recordView.get();
        }
        if (uidSource != null) {
            uid = uidSource.uid();
            uidSource = null;
        }
        return new Observation(type, value, port, timeMicros, where, sensor, source, line, uid, view);
    }

    /** The uid of the record being read, asked for at most once per record, while it is being read. */
    @FunctionalInterface
    public interface UidSource {
        /** The uid, or null when the record has none. */
        String uid();
    }

    /** Counts a parse error (a typed field that is wrong, or a whole line). */
    public void error(ParseError reason) {
        errors.merge(reason, 1L, Long::sum);
    }

    /** Counts a value that is not of its field's kind; the log is not wrong, the value is just not observable. */
    public void skip(String reason) {
        skipped.merge(reason, 1L, Long::sum);
    }

    void line() {
        lines++;
    }

    void format(String name) {
        format = name;
    }

    /** What this input gave so far. */
    FileStats stats() {
        return new FileStats(source, format, lines, records, observations, errors, skipped);
    }
}
