package org.threatledger.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.threatledger.analysis.Actor;
import org.threatledger.analysis.ActorDirectory;
import org.threatledger.analysis.ActorProfile;
import org.threatledger.ingest.ImportOptions;
import org.threatledger.ingest.ImportReport;
import org.threatledger.ingest.Importers;
import org.threatledger.pipeline.ImportRun;
import org.threatledger.pipeline.Validation;
import org.threatledger.stix.Tlp;
import org.threatledger.store.KnowledgeStore;
import org.threatledger.store.Stats;
import org.threatledger.store.Stores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code demo}: imports the demo dataset that ships inside ThreatLedger (clearly labelled demo
 * data: real group names and ATT&CK ids, documentation-range indicator values) into a fresh
 * {@code demo} folder under the home, and prints what an analyst looks at first.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Import the bundled demo data into a fresh <home>/demo store, hunt its logs, show its actors.",
            "Shows aliases and where they come from, techniques, targeted sectors, indicator counts and the hunt's sightings."})
final class DemoCommand implements Callable<Integer> {
    static final List<String> FILES = List.of("actors.stix.json", "apt29-misp-event.json", "apt10-trails.txt");
    /** Demo telemetry, hunted after the import: conn first, so the FOLLOWEDBY pattern sees the lookup before the connection. */
    static final List<String> LOGS = List.of("conn.log", "dns.log");

    @ParentCommand
    Main root;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Path home = Env.home(root).resolve("demo");
        deleteTree(home);
        Path data = Files.createDirectories(home.resolve("demo-data"));
        List<String> inputs = new ArrayList<>();
        List<String> logs = new ArrayList<>();
        for (String f : LOGS) {
            try (InputStream in = DemoCommand.class.getResourceAsStream("/demo/" + f)) {
                if (in == null) {
                    throw new IllegalStateException("demo file " + f + " is missing from the build");
                }
                Files.copy(in, data.resolve(f));
            }
            logs.add(data.resolve(f).toString());
        }
        for (String f : FILES) {
            try (InputStream in = DemoCommand.class.getResourceAsStream("/demo/" + f)) {
                if (in == null) {
                    throw new IllegalStateException("demo file " + f + " is missing from the build");
                }
                Files.copy(in, data.resolve(f));
            }
            inputs.add(data.resolve(f).toString());
        }
        if (!root.json) {
            out.println("ThreatLedger demo: importing the bundled DEMO DATA into " + home);
        }
        try (KnowledgeStore store = Stores.embedded(home);
                ImportRun run = new ImportRun(store, Importers.builtIn(), Validation.forImport())) {
            run.run(inputs, "auto", new ImportOptions(null, Tlp.GREEN, null, true, Instant.now()),
                    home.resolve("tmp"), ImportRun.Progress.NONE);
            ImportReport report = run.report();
            DemoHunt hunt = DemoHunt.run(store, home, logs);
            ActorDirectory directory = ActorDirectory.load(store);
            Stats stats = store.stats();
            List<ActorProfile> profiles = new ArrayList<>();
            for (Actor a : directory.actors()) {
                profiles.add(ActorProfile.of(a, directory, store));
            }
            if (root.json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("home", home.toString());
                m.put("import", ImportCommand.toJson(report, 0));
                m.put("objects", stats.total());
                m.put("indicators", stats.indicators());
                m.put("actors", profiles.stream().map(ShowCommand::toJson).toList());
                m.put("hunt", hunt.summary());
                Json.print(out, m);
            } else {
                out.printf("imported %,d objects and %,d list entries from %d files (%d rejected)%n%n",
                        report.total(ImportReport.Count.ACCEPTED), report.entries(), FILES.size(), report.rejected());
                for (ActorProfile p : profiles) {
                    printActor(out, p);
                }
                hunt.print(out);
                out.printf("knowledge base: %,d objects, %,d actors, %,d indicators%n", stats.total(),
                        directory.actors().size(), stats.indicators());
                out.println("next: threatledger --home " + Env.home(root) + "/demo show APT29   (or: search, stats, export)");
            }
            return report.rejected() > 0 ? Main.REJECTED : Main.OK;
        }
    }

    private static void printActor(PrintWriter out, ActorProfile p) {
        Actor a = p.actor();
        out.println(a.name() + "   " + String.join(", ", p.countries()));
        List<String> aliases = new ArrayList<>();
        a.namesWithSources().forEach((n, sources) -> {
            if (!n.equals(a.name())) {
                aliases.add(n);
            }
        });
        out.println("  aliases     " + String.join(", ", aliases));
        out.println("  sources     " + String.join(", ", a.members().stream().map(m -> m.provenance().source()).distinct().toList())
                + (a.links().isEmpty() ? "" : "   (unified on " + String.join(", ", a.links().stream().map(Actor.Link::key).distinct().toList()) + ")"));
        out.println("  techniques  " + String.join(", ", p.techniques().keySet()));
        out.println("  software    " + String.join(", ", p.software().values()));
        out.println("  sectors     " + String.join(", ", p.sectors()));
        if (!p.campaigns().isEmpty()) {
            out.println("  campaigns   " + String.join(", ", p.campaigns()));
        }
        long total = p.indicatorsByType().values().stream().mapToLong(Long::longValue).sum();
        out.println("  indicators  " + total + "  " + p.indicatorsByType());
        out.println();
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
