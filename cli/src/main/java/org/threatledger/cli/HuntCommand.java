package org.threatledger.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.threatledger.history.History;
import org.threatledger.match.Matcher;
import org.threatledger.pipeline.Attribution;
import org.threatledger.pipeline.HuntRun;
import org.threatledger.pipeline.HuntSummary;
import org.threatledger.pipeline.Intel;
import org.threatledger.sighting.SightingAggregator;
import org.threatledger.stix.StixObject;
import org.threatledger.store.KnowledgeStore;
import org.threatledger.telemetry.FieldMapping;
import org.threatledger.telemetry.FileStats;
import org.threatledger.telemetry.TelemetryOptions;
import org.threatledger.telemetry.TelemetryReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code hunt PATH...}: telemetry against every current indicator and pattern. */
@Command(name = "hunt", mixinStandardHelpOptions = true,
        description = {"Match telemetry against every current indicator and STIX pattern; hits become sightings.",
            "Inputs: Zeek TSV/JSON, JSON lines, CSV, Squid; files, .gz, directories, - for stdin.",
            "Sightings are per indicator, sensor and hour, stored in the knowledge base (and written as JSON",
            "lines with --out). Every value seen is kept in the history for retro-hunts.",
            "--json prints one sighting per line, then {\"summary\":{...}}."})
final class HuntCommand implements Callable<Integer> {
    @ParentCommand
    Main root;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH")
    List<String> inputs;

    @Option(names = "--format", defaultValue = "auto", description = "auto|zeek|zeek-json|jsonl|csv|squid (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--mapping", paramLabel = "FILE", description = "Field mapping for JSON lines / CSV logs.")
    Path mapping;

    @Option(names = "--sensor", paramLabel = "NAME", description = "The sensor name sightings carry (default: from the log, else 'default').")
    String sensor;

    @Option(names = "--follow", description = "Keep reading a growing file (one PATH) until interrupted.")
    boolean follow;

    @Option(names = "--out", paramLabel = "FILE", description = "Also append each sighting as one JSON line to FILE.")
    Path out;

    @Option(names = "--no-history", description = "Do not record observed values for retro-hunts.")
    boolean noHistory;

    @Override
    public Integer call() throws Exception {
        TelemetryOptions options = TelemetryOptions.defaults().withFormat(format);
        if (sensor != null) {
            options = options.withSensor(sensor);
        }
        if (mapping != null) {
            options = options.withMapping(FieldMapping.load(mapping));
        }
        PrintWriter stdout = spec.commandLine().getOut();
        long started = System.nanoTime();
        try (KnowledgeStore store = Env.open(root);
                History history = noHistory ? null : History.open(Env.home(root).resolve("history"));
                BufferedWriter jsonl = out == null ? null : Files.newBufferedWriter(out, StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            Matcher matcher = new Matcher(Intel.compile(store, Env.home(root).resolve("cache")));
            Attribution attribution = new Attribution(store);
            Consumer<StixObject> report = s -> {
                try {
                    if (jsonl != null) {
                        jsonl.write(s.toJson());
                        jsonl.newLine();
                        jsonl.flush();
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                if (root.json) {
                    stdout.println(s.toJson());
                }
            };
            SightingAggregator.Options sightingOptions = SightingAggregator.Options.defaults()
                    .withActors(id -> attribution.actorsOf(id, null));
            HuntRun hunt = new HuntRun(store, matcher, history, sightingOptions, attribution, report, "hunt");
            TelemetryReader reader = new TelemetryReader(options).recordsWanted(hunt::wantsRecords);
            List<FileStats> stats = new ArrayList<>();
            if (follow) {
                if (inputs.size() != 1) {
                    throw new Main.UserError("--follow reads one file", Main.USAGE);
                }
                AtomicBoolean stop = new AtomicBoolean();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> stop.set(true)));
                Intel.Watch watch = Intel.watch(store, matcher);
                try {
                    stats.add(reader.follow(Path.of(inputs.get(0)), hunt, stop::get));
                } finally {
                    watch.close();
                }
            } else {
                stats.addAll(reader.read(inputs, hunt));
            }
            hunt.finish();
            double seconds = (System.nanoTime() - started) / 1e9;
            Map<String, Object> summary = HuntSummary.of(stats, hunt, matcher.current(), seconds);
            if (root.json) {
                stdout.println(org.threatledger.stix.StixJson.write(
                        org.threatledger.stix.StixJson.mapper().valueToTree(Map.of("summary", summary))));
            } else {
                printHuman(stdout, summary, hunt);
            }
            long errors = stats.stream().mapToLong(FileStats::errorCount).sum();
            return errors > 0 ? Main.REJECTED : Main.OK;
        }
    }

    @SuppressWarnings("unchecked")
    private static void printHuman(PrintWriter out, Map<String, Object> s, HuntRun hunt) {
        out.printf("%,d lines, %,d observations, %,d hits, %,d sightings against %,d indicators in %.2f s (%,d lines/s)%n",
                (Long) s.get("lines"), (Long) s.get("observations"), (Long) s.get("hits"), (Long) s.get("sightings"),
                (Integer) s.get("indicators"), (Double) s.get("seconds"), (Long) s.get("lines_per_second"));
        Map<String, Long> byActor = (Map<String, Long>) s.get("hits_by_actor");
        if (!byActor.isEmpty()) {
            out.println("hits by actor:");
            byActor.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(e -> out.printf("  %-30s %,d%n", e.getKey(), e.getValue()));
        }
        if (!hunt.topIndicators(1).isEmpty()) {
            out.println("top indicators:");
            hunt.topIndicators(10).forEach(e -> out.printf("  %-60s %,d%n", e.getKey(), e.getValue()));
        }
        Map<String, Object> errors = (Map<String, Object>) s.get("parse_errors");
        errors.forEach((file, reasons) -> out.println("parse errors in " + file + ": " + reasons));
    }
}
