package org.threatledger.sighting;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.threatledger.history.Seen;
import org.threatledger.match.Hit;
import org.threatledger.match.Observation;
import org.threatledger.stix.Ids;
import org.threatledger.stix.StixObject;

/**
 * Turns hits into STIX sightings, one per (indicator, sensor, window), windows of a fixed length
 * aligned to the epoch. A flood of hits on one indicator in one window is one sighting with the
 * exact count and first/last seen; memory grows with the number of open groups, never with hits.
 *
 * <p>Ids are deterministic: {@code Ids.derived("sighting", indicatorId, sensor, windowStart)} with
 * the window start in microseconds, so re-hunting the same logs yields the same sightings.
 * {@code created} is the window start and {@code modified} the last seen (strictly later than any
 * version emitted before), so a sighting updated by late hits is a newer version of the same
 * object. Each sighting names up to {@code maxObservedData} observed values (observed-data + SCO)
 * and up to {@code maxRawRecords} raw-record pointers ({@code x_threatledger_raw_records}:
 * {@code file:line} or {@code file:line#zeek-uid}; not {@code _refs}, which STIX 2.1 §3.1 reserves
 * for identifiers), and the actors the indicator is attributed to ({@code x_threatledger_actor_refs}).
 *
 * <p>A flushed group is kept one more window, so a late hit continues its count instead of
 * starting a second, smaller version. Objects are emitted referenced-first: the sensor identity
 * (once per aggregator), SCOs and observed-data, then the sighting. Not thread-safe.
 */
public final class SightingAggregator {
    private final Options options;
    private final long windowMicros;
    private final Map<GroupKey, Group> open = new HashMap<>();
    private final Map<GroupKey, Group> closed = new HashMap<>();
    private final Set<String> sensorsEmitted = new HashSet<>();

    /**
     * How hits are grouped.
     *
     * @param window          the window length (aligned to the epoch)
     * @param maxObservedData observed values named per sighting
     * @param maxRawRecords   raw-record pointers per sighting
     * @param actorsOf        indicator id -> ids of the actors it is attributed to
     */
    public record Options(Duration window, int maxObservedData, int maxRawRecords, Function<String, List<String>> actorsOf) {
        public Options {
            if (window.toNanos() < 1000) {
                throw new IllegalArgumentException("sighting window must be at least 1 microsecond, was " + window);
            }
            if (maxObservedData < 0 || maxRawRecords < 0) {
                throw new IllegalArgumentException("sighting bounds must be >= 0");
            }
        }

        /** One-hour windows, 10 observed values and 10 raw records per sighting, no actors. */
        public static Options defaults() {
            return new Options(Duration.ofHours(1), 10, 10, id -> List.of());
        }

        /** These options with {@code actorsOf} as the attribution. */
        public Options withActors(Function<String, List<String>> actors) {
            return new Options(window, maxObservedData, maxRawRecords, actors);
        }
    }

    private record GroupKey(String indicatorId, String sensor, long windowStart) {
    }

    /** The id of the identity that stands for a sensor in {@code where_sighted_refs}. */
    public static String sensorId(String sensor) {
        return SightingObjects.sensorId(sensor);
    }

    public SightingAggregator(Options options) {
        this.options = options;
        this.windowMicros = options.window().toNanos() / 1000;
    }

    /** Adds a hit to the group of each indicator it matched ({@code indicatorIdOf}: ordinal -> STIX id). */
    public void record(Hit hit, IntFunction<String> indicatorIdOf) {
        Observation o = hit.observation();
        long windowStart = Math.floorDiv(o.timeMicros(), windowMicros) * windowMicros;
        for (int ordinal : hit.indicators()) {
            GroupKey key = new GroupKey(indicatorIdOf.apply(ordinal), o.sensor(), windowStart);
            Group g = open.get(key);
            if (g == null) {
                g = closed.remove(key);
                if (g == null) {
                    g = new Group(key.indicatorId(), key.sensor(), windowStart);
                }
                open.put(key, g);
            }
            g.add(o, options.maxObservedData(), options.maxRawRecords());
        }
    }

    /** Emits the sightings of windows that ended at or before {@code watermarkMicros} (event time). */
    public void flushClosedWindows(long watermarkMicros, Consumer<StixObject> sink) {
        List<Map.Entry<GroupKey, Group>> done = new ArrayList<>();
        for (Map.Entry<GroupKey, Group> e : open.entrySet()) {
            if (e.getKey().windowStart() + windowMicros <= watermarkMicros) {
                done.add(e);
            }
        }
        emit(done, sink);
        for (Iterator<Group> it = closed.values().iterator(); it.hasNext(); ) {
            if (it.next().windowStart + 2 * windowMicros <= watermarkMicros) {
                it.remove();
            }
        }
    }

    /** Emits the sightings of every open group (the end of a hunt). */
    public void drain(Consumer<StixObject> sink) {
        emit(new ArrayList<>(open.entrySet()), sink);
    }

    /** The number of groups not yet emitted. */
    public int openGroups() {
        return open.size();
    }

    private void emit(List<Map.Entry<GroupKey, Group>> groups, Consumer<StixObject> sink) {
        groups.sort(Map.Entry.comparingByKey(Comparator.comparingLong(GroupKey::windowStart)
                .thenComparing(GroupKey::indicatorId).thenComparing(k -> k.sensor() == null ? "" : k.sensor())));
        for (Map.Entry<GroupKey, Group> e : groups) {
            open.remove(e.getKey());
            closed.put(e.getKey(), e.getValue());
            emit(e.getValue(), sink);
        }
    }

    private void emit(Group g, Consumer<StixObject> sink) {
        String id = Ids.derived("sighting", g.indicatorId, g.sensor == null ? "" : g.sensor, Long.toString(g.windowStart));
        String created = Micros.format(g.windowStart);
        List<String> observed = new ArrayList<>();
        g.values.forEach((v, s) -> Scos.of(v.type(), v.value()).ifPresent(sco -> {
            StixObject od = SightingObjects.observedData(id, sco.id(), s[0], s[1], s[2], created);
            sink.accept(sco);
            sink.accept(od);
            observed.add(od.id());
        }));
        long modified = Math.max(g.last, g.emittedModified + 1);
        g.emittedModified = modified;
        ObjectNode o = SightingObjects.sighting(id, g.indicatorId, created, Micros.format(modified), g.first, g.last, g.count);
        finish(o, g.sensor == null ? List.of() : List.of(g.sensor), observed, g.indicatorId, sink);
        SightingObjects.putStrings(o, "x_threatledger_raw_records", g.rawRecordList());
        sink.accept(StixObject.of(o));
    }

    /** Adds where-sighted, observed-data and actor refs, emitting sensor identities not yet emitted. */
    private void finish(ObjectNode o, List<String> sensors, List<String> observed, String indicatorId, Consumer<StixObject> sink) {
        List<String> where = new ArrayList<>();
        for (String s : sensors) {
            if (sensorsEmitted.add(s)) {
                sink.accept(SightingObjects.sensor(s));
            }
            where.add(SightingObjects.sensorId(s));
        }
        SightingObjects.putStrings(o, "where_sighted_refs", where);
        observed.sort(null); // arrival order would make the version depend on the order logs were read
        SightingObjects.putStrings(o, "observed_data_refs", observed);
        SightingObjects.putStrings(o, "x_threatledger_actor_refs", new LinkedHashSet<>(options.actorsOf().apply(indicatorId)));
    }

    /**
     * Emits a retro-hunt sighting: {@code indicatorId} was seen before it was known, as the history
     * records. Carries the historic first/last seen and count and {@code x_threatledger_retro: true};
     * the id is derived from the indicator and the value, so a later retro-hunt updates it.
     */
    public void fromHistory(String indicatorId, Seen seen, Consumer<StixObject> sink) {
        String id = Ids.derived("sighting", indicatorId, "retro", seen.type().name(), seen.value());
        String created = Micros.format(seen.firstSeenMicros());
        List<String> observed = new ArrayList<>();
        observe(id, seen, observed, sink);
        ObjectNode o = SightingObjects.sighting(id, indicatorId, created, Micros.format(seen.lastSeenMicros()),
                seen.firstSeenMicros(), seen.lastSeenMicros(), seen.count());
        finish(o, seen.sensors(), observed, indicatorId, sink);
        o.put("x_threatledger_retro", true);
        sink.accept(StixObject.of(o));
    }

    /** Values named by observed-data on one range sighting; the count covers all of them. */
    public static final int RANGE_OBSERVED_MAX = 100;

    /**
     * Emits one retro-hunt sighting for an indicator that covers a range ({@code 10.1.0.0/16}) and
     * was matched by many observed values: the count, first and last seen of all of them together,
     * the sensors of all, and observed-data for the {@value #RANGE_OBSERVED_MAX} values seen most
     * (so a /8 seen at a million addresses is one sighting, not a million);
     * {@code x_threatledger_values_seen} says how many values there were. The id is derived from the
     * indicator, so a later retro-hunt updates the same sighting.
     */
    public void fromHistory(String indicatorId, List<Seen> seen, Consumer<StixObject> sink) {
        if (seen.isEmpty()) {
            return;
        }
        String id = Ids.derived("sighting", indicatorId, "retro", "range");
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        long count = 0;
        Set<String> sensors = new LinkedHashSet<>();
        for (Seen s : seen) {
            first = Math.min(first, s.firstSeenMicros());
            last = Math.max(last, s.lastSeenMicros());
            count += s.count();
            sensors.addAll(s.sensors());
        }
        String created = Micros.format(first);
        List<String> observed = new ArrayList<>();
        seen.stream().sorted(Comparator.comparingLong(Seen::count).reversed().thenComparing(Seen::value))
                .limit(RANGE_OBSERVED_MAX).forEach(s -> observe(id, s, observed, sink));
        ObjectNode o = SightingObjects.sighting(id, indicatorId, created, Micros.format(last), first, last, count);
        finish(o, List.copyOf(sensors), observed, indicatorId, sink);
        o.put("x_threatledger_retro", true);
        o.put("x_threatledger_values_seen", seen.size());
        sink.accept(StixObject.of(o));
    }

    /** Emits the observable of a value seen and its observed-data for sighting {@code id}; the latter's id goes to {@code observed}. */
    private static void observe(String id, Seen seen, List<String> observed, Consumer<StixObject> sink) {
        Scos.of(seen.type(), seen.value()).ifPresent(sco -> {
            StixObject od = SightingObjects.observedData(id, sco.id(), seen.firstSeenMicros(), seen.lastSeenMicros(),
                    seen.count(), Micros.format(seen.firstSeenMicros()));
            sink.accept(sco);
            sink.accept(od);
            observed.add(od.id());
        });
    }
}
