package org.threatledger.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.threatledger.stix.StixObject;
import org.threatledger.store.KnowledgeStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code search TEXT}: full-text search over names, aliases and descriptions. */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = "Full-text search over names, aliases and descriptions of current objects, best first.")
final class SearchCommand implements Callable<Integer> {
    @ParentCommand
    Main root;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "TEXT")
    List<String> words;

    @Option(names = "--type", paramLabel = "T", description = "Only objects of this STIX type.")
    String type;

    @Option(names = "--limit", defaultValue = "20", description = "At most this many results (default: ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() {
        List<StixObject> hits;
        try (KnowledgeStore store = Env.open(root)) {
            hits = store.search(String.join(" ", words), type, limit);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (root.json) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (StixObject o : hits) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", o.id());
                row.put("type", o.type());
                row.put("name", o.name().orElse(null));
                row.put("external_ids", o.externalIds());
                rows.add(row);
            }
            Json.print(out, rows);
            return Main.OK;
        }
        for (StixObject o : hits) {
            String ext = o.externalIds().stream().filter(e -> e.length() < 12).findFirst().map(e -> " [" + e + "]").orElse("");
            out.printf("%-18s %s%s  %s%n", o.type(), o.name().orElse("(no name)"), ext, o.id());
        }
        if (hits.isEmpty()) {
            out.println("no match");
        }
        return Main.OK;
    }
}
