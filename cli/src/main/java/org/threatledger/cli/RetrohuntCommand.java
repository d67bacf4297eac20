package org.threatledger.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.threatledger.history.History;
import org.threatledger.pipeline.Retrohunt;
import org.threatledger.store.KnowledgeStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code retrohunt [--since DURATION]}: new indicators against the history of everything hunted. */
@Command(name = "retrohunt", mixinStandardHelpOptions = true,
        description = {"Look newly added indicators up in the history of everything hunted; write sightings.",
            "The history of observed values is kept by hunt for 90 days; sightings carry the historic times.",
            "import runs this by itself for what it imported, unless --no-retrohunt is given."})
final class RetrohuntCommand implements Callable<Integer> {
    @ParentCommand
    Main root;

    @Spec
    CommandSpec spec;

    @Option(names = "--since", defaultValue = "P1D", paramLabel = "DURATION",
            description = "How far back to take new indicators: ISO-8601 (P7D, PT12H) or 7d / 12h / 30m (default: 1 day).")
    String since;

    @Override
    public Integer call() throws Exception {
        Duration d = parseDuration(since);
        Path dir = Env.home(root).resolve("history");
        PrintWriter out = spec.commandLine().getOut();
        if (!Files.isDirectory(dir)) {
            throw new Main.UserError("no history yet under " + dir + ": run 'hunt' on some telemetry first", Main.FAILURE);
        }
        long started = System.nanoTime();
        Retrohunt.Result r;
        try (KnowledgeStore store = Env.open(root); History history = History.open(dir)) {
            r = new Retrohunt(store, history).since(Instant.now().minus(d));
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (root.json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("indicators", r.indicators());
            m.put("sightings", r.sightings());
            m.put("not_retrohunted", r.notRetrohunted());
            m.put("seconds", Math.round(seconds * 1000) / 1000.0);
            Json.print(out, m);
        } else {
            out.printf("retro-hunt: %,d new indicators looked up, %,d sightings from history (%.2f s)%n", r.indicators(), r.sightings(), seconds);
            if (r.notRetrohunted() > 0) {
                out.printf("  %,d ip:port indicators not retro-hunted: the history keeps addresses without ports%n", r.notRetrohunted());
            }
        }
        return Main.OK;
    }

    static Duration parseDuration(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        try {
            if (t.startsWith("p")) {
                return Duration.parse(t.toUpperCase(java.util.Locale.ROOT));
            }
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            return switch (t.charAt(t.length() - 1)) {
                case 'd' -> Duration.ofDays(n);
                case 'h' -> Duration.ofHours(n);
                case 'm' -> Duration.ofMinutes(n);
                case 's' -> Duration.ofSeconds(n);
                default -> throw new NumberFormatException();
            };
        } catch (RuntimeException e) {
            throw new Main.UserError("--since takes a duration such as 7d, 12h, 30m or P7D; got '" + text + "'", Main.USAGE);
        }
    }
}
