package org.threatledger.telemetry;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import org.threatledger.match.Observation;
import org.threatledger.match.Where;

/** What reading some inputs gave: the observations and the per-input stats. */
record Collected(List<Observation> observations, List<FileStats> stats) {

    static final Path DATA = Path.of(System.getProperty("shared.data", "../../shared/data"));
    static final Path ZEEK = DATA.resolve("zeek-logs");

    static Collected read(TelemetryOptions options, Path... inputs) throws IOException {
        List<Observation> obs = new ArrayList<>();
        List<String> args = new ArrayList<>();
        for (Path p : inputs) {
            args.add(p.toString());
        }
        List<FileStats> stats = new TelemetryReader(options, new ByteArrayInputStream(new byte[0]), 10).read(args, obs::add);
        return new Collected(obs, stats);
    }

    static Collected read(Path... inputs) throws IOException {
        return read(TelemetryOptions.defaults(), inputs);
    }

    static Consumer<Observation> into(List<Observation> list) {
        return list::add;
    }

    List<Observation> at(Where where) {
        return observations.stream().filter(o -> o.where() == where).toList();
    }

    Set<String> distinct(Where where) {
        return distinct(where, Observation::value);
    }

    <T> Set<String> distinct(Where where, Function<Observation, T> f) {
        Set<String> out = new TreeSet<>();
        for (Observation o : at(where)) {
            out.add(String.valueOf(f.apply(o)));
        }
        return out;
    }

    long records() {
        return stats.stream().mapToLong(FileStats::records).sum();
    }

    long errors() {
        return stats.stream().mapToLong(FileStats::errorCount).sum();
    }

    FileStats only() {
        if (stats.size() != 1) {
            throw new IllegalStateException("expected one input, got " + stats);
        }
        return stats.getFirst();
    }
}
