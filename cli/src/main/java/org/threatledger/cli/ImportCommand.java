package org.threatledger.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.threatledger.ingest.ImportOptions;
import org.threatledger.ingest.ImportReport;
import org.threatledger.ingest.ImportReport.Count;
import org.threatledger.ingest.Importers;
import org.threatledger.ingest.Rejection;
import org.threatledger.pipeline.ImportReports;
import org.threatledger.pipeline.ImportRun;
import org.threatledger.pipeline.Retrohunt;
import org.threatledger.pipeline.Validation;
import org.threatledger.stix.Tlp;
import org.threatledger.store.KnowledgeStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code import PATH|URL...}: feeds into the knowledge base, with a report. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import feeds: files, .gz, directories or URLs.",
            "Formats: STIX 2.0/2.1 bundles, MITRE ATT&CK, MISP events and galaxies, OpenIOC 1.0/1.1, CSV/plain IOC lists (maltrail too).",
            "Prints accepted / added / updated / unchanged / rejected by type; exit code 3 if anything was rejected."})
final class ImportCommand implements Callable<Integer> {
    @ParentCommand
    Main root;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH|URL", description = "Files, directories (walked in name order) or http(s) URLs.")
    List<String> inputs;

    @Option(names = "--format", defaultValue = "auto", paramLabel = "FORMAT",
            description = "auto|stix|attack|misp|misp-galaxy|openioc|csv (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--source", paramLabel = "NAME", description = "Source name kept as provenance (default: the format).")
    String source;

    @Option(names = "--tlp", paramLabel = "LEVEL", description = "TLP for objects that carry none: clear|green|amber|amber+strict|red (default: amber).")
    String tlp;

    @Option(names = "--actor", paramLabel = "NAME", description = "Attribute a whole indicator list to this actor.")
    String actor;

    @Option(names = "--subdomains", description = "Domain entries of a list also match their subdomains.")
    boolean subdomains;

    @Option(names = "--no-retrohunt", description = "Do not look the new indicators up in the hunt history afterwards.")
    boolean noRetrohunt;

    @Override
    public Integer call() throws Exception {
        Tlp level = null;
        if (tlp != null) {
            level = Tlp.parse(tlp).orElseThrow(() -> new Main.UserError(
                    "--tlp must be one of clear, green, amber, amber+strict, red; got '" + tlp + "'", Main.USAGE));
        }
        ImportOptions options = new ImportOptions(source, level, actor, subdomains, Instant.now());
        PrintWriter out = spec.commandLine().getOut();
        long started = System.nanoTime();
        ImportReport report;
        Retrohunt.Result retro;
        try (KnowledgeStore store = Env.open(root);
                ImportRun run = new ImportRun(store, Importers.builtIn(), Validation.forImport())) {
            try {
                run.run(inputs, format, options, Env.home(root).resolve("tmp"),
                        new TerminalProgress(System.err, !root.json && System.console() != null));
            } catch (IllegalArgumentException e) {
                throw new Main.UserError(e.getMessage(), Main.USAGE);
            }
            report = run.report();
            retro = retrohunt(store, options.importedAt());
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (root.json) {
            Map<String, Object> json = toJson(report, seconds);
            if (retro != null) {
                json.put("retrohunt", Map.of("indicators", retro.indicators(), "sightings", retro.sightings(),
                        "not_retrohunted", retro.notRetrohunted()));
            }
            Json.print(out, json);
        } else {
            printHuman(out, report, seconds);
            if (retro != null) {
                out.printf("retro-hunt: %,d new indicators looked up in the history, %,d sightings%n", retro.indicators(), retro.sightings());
                if (retro.notRetrohunted() > 0) {
                    out.printf("  %,d ip:port indicators not retro-hunted: the history keeps addresses without ports%n",
                            retro.notRetrohunted());
                }
            }
        }
        return report.rejected() > 0 ? Main.REJECTED : Main.OK;
    }

    /** After an import, the new indicators against the hunt history, when there is one. */
    private Retrohunt.Result retrohunt(KnowledgeStore store, Instant since) throws java.io.IOException {
        return noRetrohunt ? null : Retrohunt.afterImport(store, Env.home(root).resolve("history"), since);
    }

    /** The shape of {@code import --json}. */
    static Map<String, Object> toJson(ImportReport report, double seconds) {
        return ImportReports.toJson(report, seconds);
    }

    static void printHuman(PrintWriter out, ImportReport report, double seconds) {
        out.printf("%-28s %9s %9s %9s %9s %9s%n", "type", "accepted", "added", "updated", "unchanged", "rejected");
        for (String type : report.types()) {
            out.printf("%-28s %9d %9d %9d %9d %9d%n", type,
                    report.get(type, Count.ACCEPTED), report.get(type, Count.ADDED), report.get(type, Count.UPDATED),
                    report.get(type, Count.UNCHANGED) + report.get(type, Count.OLDER), report.get(type, Count.REJECTED));
        }
        out.printf("%-28s %9d %9d %9d %9d %9d%n", "total",
                report.total(Count.ACCEPTED), report.total(Count.ADDED), report.total(Count.UPDATED),
                report.total(Count.UNCHANGED) + report.total(Count.OLDER), report.rejected());
        if (report.entries() > 0) {
            out.printf("list entries: %,d read, %,d stored%n", report.entries(), report.newEntries());
        }
        int shown = 0;
        for (Rejection r : report.rejections()) {
            if (shown++ == 20) {
                out.printf("  ... and %,d more rejected (use --json for the first %d)%n", report.rejected() - 20, ImportReport.KEPT);
                break;
            }
            out.println("  rejected: " + r);
        }
        if (report.warned() > 0) {
            out.printf("%,d warnings (use --json to list them)%n", report.warned());
        }
        out.printf("done in %.2f s%n", seconds);
    }
}
