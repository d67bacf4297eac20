package org.threatledger.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.threatledger.pattern.CompiledPattern;
import org.threatledger.pattern.Match;
import org.threatledger.pattern.Observed;
import org.threatledger.pattern.PatternException;
import org.threatledger.pattern.PatternMatcher;
import org.threatledger.pattern.PatternParser;
import org.threatledger.telemetry.FileStats;
import org.threatledger.telemetry.TelemetryOptions;
import org.threatledger.telemetry.TelemetryReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code pattern validate|match}: STIX patterns by hand. */
@Command(name = "pattern", mixinStandardHelpOptions = true,
        description = "Check STIX 2.1 patterns, or try one against a log.",
        subcommands = {PatternCommand.Validate.class, PatternCommand.MatchLog.class})
final class PatternCommand {
    @ParentCommand
    Main root;

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = {"Print 'valid' or 'invalid: reason (column)' for each pattern (arguments, else one per line on stdin).",
                "Exit code 3 if any pattern is invalid."})
    static final class Validate implements Callable<Integer> {
        @ParentCommand
        PatternCommand parent;

        @Spec
        CommandSpec spec;

        @Parameters(arity = "0..*", paramLabel = "PATTERN")
        List<String> patterns;

        @Override
        public Integer call() throws IOException {
            List<String> input = patterns;
            if (input == null || input.isEmpty()) {
                input = new ArrayList<>();
                BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (!line.isBlank()) {
                        input.add(line);
                    }
                }
            }
            PrintWriter out = spec.commandLine().getOut();
            boolean anyInvalid = false;
            List<Map<String, Object>> rows = new ArrayList<>();
            for (String p : input) {
                Optional<String> error = PatternParser.check(p);
                anyInvalid |= error.isPresent();
                if (parent.root.json) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("pattern", p);
                    row.put("valid", error.isEmpty());
                    error.ifPresent(e -> row.put("error", e));
                    rows.add(row);
                } else {
                    out.println(error.map(e -> "invalid: " + e).orElse("valid"));
                }
            }
            if (parent.root.json) {
                Json.print(out, rows);
            }
            return anyInvalid ? Main.REJECTED : Main.OK;
        }
    }

    @Command(name = "match", mixinStandardHelpOptions = true,
            description = "Evaluate one pattern over the records of a log (any format hunt reads) and print each match.")
    static final class MatchLog implements Callable<Integer> {
        @ParentCommand
        PatternCommand parent;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "PATTERN")
        String pattern;

        @Option(names = "--observations", required = true, paramLabel = "FILE", description = "A log file (Zeek TSV/JSON, JSON lines, CSV, Squid).")
        String observations;

        @Option(names = "--format", defaultValue = "auto", description = "auto|zeek|zeek-json|jsonl|csv|squid (default: ${DEFAULT-VALUE}).")
        String format;

        @Override
        public Integer call() throws IOException {
            CompiledPattern compiled;
            try {
                compiled = CompiledPattern.compile(PatternParser.parse(pattern));
            } catch (PatternException e) {
                throw new Main.UserError("invalid pattern: " + e.getMessage(), Main.USAGE);
            }
            PatternMatcher matcher = compiled.newMatcher();
            PrintWriter out = spec.commandLine().getOut();
            List<Map<String, Object>> matches = new ArrayList<>();
            Observed[] last = {null};
            TelemetryReader reader = new TelemetryReader(TelemetryOptions.defaults().withFormat(format));
            List<FileStats> stats = reader.read(List.of(observations), o -> {
                Observed record = o.record();
                if (record == null || record == last[0]) {
                    return; // several observations of one record: offer the record once
                }
                last[0] = record;
                Optional<Match> m = matcher.offer(record);
                if (m.isPresent()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("sensor", m.get().sensor());
                    row.put("first", java.time.Instant.EPOCH.plus(m.get().firstMicros(), java.time.temporal.ChronoUnit.MICROS).toString());
                    row.put("last", java.time.Instant.EPOCH.plus(m.get().lastMicros(), java.time.temporal.ChronoUnit.MICROS).toString());
                    row.put("records", m.get().records().size());
                    row.put("at", o.source() + ":" + o.line() + (o.uid() == null ? "" : " " + o.uid()));
                    matches.add(row);
                    if (!parent.root.json) {
                        out.println("match at " + row.get("at") + "  " + row.get("first") + " .. " + row.get("last"));
                    }
                }
            });
            long records = stats.stream().mapToLong(FileStats::records).sum();
            if (parent.root.json) {
                Json.print(out, Map.of("matches", matches, "records", records));
            } else {
                out.println(matches.size() + " match(es) in " + records + " records");
            }
            return Main.OK;
        }
    }
}
