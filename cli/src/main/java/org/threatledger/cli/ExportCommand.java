package org.threatledger.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.threatledger.exports.ExportException;
import org.threatledger.exports.ExportOptions;
import org.threatledger.exports.ExportSummary;
import org.threatledger.exports.Exporter;
import org.threatledger.exports.Exporters;
import org.threatledger.exports.Exports;
import org.threatledger.stix.Tlp;
import org.threatledger.store.KnowledgeStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code export --format F --out PATH}: runs one of the {@link Exporters} and prints its summary
 * (written, skipped by reason, narrower). Every format respects TLP as a partner would receive it:
 * nothing above {@code --max-tlp} (default amber) is written, and RED never leaves.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Export intelligence for sensors and other platforms, limited by TLP like a partner would receive it.",
            "Formats: stix21 (bundle), zeek-intel, suricata-dataset (--out is a directory), csv, misp, navigator-layer (needs --actor)."})
final class ExportCommand implements Callable<Integer> {
    @ParentCommand
    Main root;

    @Spec
    CommandSpec spec;

    @Option(names = "--format", defaultValue = "stix21", paramLabel = "F",
            description = "stix21 (default), zeek-intel, suricata-dataset, csv, misp, navigator-layer.")
    String format;

    @Option(names = "--type", paramLabel = "T", description = "stix21 only: only these STIX types (repeatable).")
    List<String> types;

    @Option(names = "--actor", paramLabel = "NAME", description = "Only what is attributed to this actor (name, alias or external id).")
    String actor;

    @Option(names = "--min-confidence", paramLabel = "N", defaultValue = "0",
            description = "Drop indicators whose STIX confidence is below N (0-100). List entries carry none: N > 0 leaves them out.")
    int minConfidence;

    @Option(names = "--max-tlp", paramLabel = "LEVEL", defaultValue = "amber",
            description = "Most restrictive TLP written: clear, green, amber (default), amber+strict. RED never leaves.")
    String maxTlp;

    @Option(names = "--out", required = true, paramLabel = "PATH", description = "The file to write (a directory for suricata-dataset).")
    Path out;

    @Override
    public Integer call() throws IOException {
        Exporters exporters = Exporters.builtIn();
        Exporter exporter = exporters.byFormat(format).orElseThrow(() -> new Main.UserError(
                "--format must be one of " + String.join(", ", exporters.formats()) + ", got '" + format + "'", Main.USAGE));
        Tlp tlp = Tlp.parse(maxTlp).orElseThrow(() -> new Main.UserError(
                "--max-tlp must be clear, green, amber or amber+strict, got '" + maxTlp + "'", Main.USAGE));
        ExportSummary summary;
        try {
            ExportOptions options = new ExportOptions(actor, minConfidence, tlp, types);
            try (KnowledgeStore store = Env.open(root)) {
                summary = Exports.run(store, exporter, options, out);
            }
        } catch (ExportException e) {
            throw new Main.UserError(e.getMessage(), e.kind() == ExportException.Kind.NOT_FOUND ? Main.FAILURE : Main.USAGE);
        }
        PrintWriter pw = spec.commandLine().getOut();
        if (root.json) {
            var m = new java.util.LinkedHashMap<String, Object>(summary.toMap());
            m.put("objects", summary.written());
            m.put("out", out.toAbsolutePath().toString());
            Json.print(pw, m);
        } else {
            summary.lines().forEach(pw::println);
        }
        return Main.OK;
    }
}
