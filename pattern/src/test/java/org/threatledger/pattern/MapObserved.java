package org.threatledger.pattern;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test data implementing {@link Observed}: values by canonical path text
 * ({@code "file:hashes.'SHA-256'"}, {@code "process:args[*]"}). A path with {@code [n]} takes
 * element n of the values stored under the same path with {@code [*]}.
 */
final class MapObserved implements Observed {
    private final Map<String, List<Object>> values = new LinkedHashMap<>();
    private final long timeMicros;
    private final String sensor;

    private MapObserved(long timeMicros, String sensor) {
        this.timeMicros = timeMicros;
        this.sensor = sensor;
    }

    /** A record at {@code seconds} after the epoch seen by sensor "s1". */
    static MapObserved at(long seconds) {
        return new MapObserved(seconds * 1_000_000L, "s1");
    }

    static MapObserved at(Instant instant) {
        return new MapObserved(instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1000, "s1");
    }

    /** The same record with another sensor. */
    MapObserved sensor(String name) {
        MapObserved copy = new MapObserved(timeMicros, name);
        copy.values.putAll(values);
        return copy;
    }

    MapObserved with(String path, Object... pathValues) {
        values.put(path, List.copyOf(Arrays.asList(pathValues)));
        return this;
    }

    @Override
    public List<Object> values(ObjectPath path) {
        List<Object> direct = values.get(path.toString());
        if (direct != null) {
            return direct;
        }
        List<PathStep> steps = new ArrayList<>(path.steps());
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i) instanceof PathStep.Index index) {
                steps.set(i, new PathStep.AnyIndex());
                List<Object> list = values.get(new ObjectPath(path.objectType(), steps).toString());
                return list != null && index.index() < list.size() ? List.of(list.get(index.index())) : List.of();
            }
        }
        return List.of();
    }

    @Override
    public long timeMicros() {
        return timeMicros;
    }

    @Override
    public String sensor() {
        return sensor;
    }

    @Override
    public String toString() {
        return sensor + "@" + timeMicros + values;
    }
}
