package org.threatledger.telemetry;

import java.util.List;
import org.threatledger.pattern.ObjectPath;
import org.threatledger.pattern.Observed;

/**
 * An {@link Observed} record that answers flat keys ({@code domain-name:value},
 * {@code network-traffic:dst_ref.value}); {@link ObservedPaths} turns STIX object paths, list
 * steps included, into those keys. Subclasses say what each key holds for their kind of log.
 */
abstract class KeyedObserved implements Observed {
    private final long timeMicros;
    private final String sensor;

    KeyedObserved(long timeMicros, String sensor) {
        this.timeMicros = timeMicros;
        this.sensor = sensor;
    }

    @Override
    public final long timeMicros() {
        return timeMicros;
    }

    @Override
    public final String sensor() {
        return sensor;
    }

    @Override
    public final List<Object> values(ObjectPath path) {
        return ObservedPaths.select(path, this::values);
    }

    /** The values of one flat key; empty when the record has none. */
    abstract List<Object> values(String key);
}
