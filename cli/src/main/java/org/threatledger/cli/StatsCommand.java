package org.threatledger.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.threatledger.store.KnowledgeStore;
import org.threatledger.store.Stats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code stats}: what the knowledge base holds. */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = {"Count current objects by type, actors and indicators.",
            "--json prints {\"objects\":{\"total\":N,\"by_type\":{...}},\"actors\":N,\"indicators\":N,\"list_entries\":{...}}."})
final class StatsCommand implements Callable<Integer> {
    @ParentCommand
    Main root;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Stats stats;
        try (KnowledgeStore store = Env.open(root)) {
            stats = store.stats();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (root.json) {
            Json.print(out, stats.toJson());
            return Main.OK;
        }
        out.printf("objects     %,d%n", stats.total());
        stats.byType().forEach((type, n) -> out.printf("  %-30s %,10d%n", type, n));
        out.printf("actors      %,d%n", stats.actors());
        out.printf("indicators  %,d (STIX indicators and list entries)%n", stats.indicators());
        stats.entriesByType().forEach((type, n) -> out.printf("  %-30s %,10d%n", "list " + type, n));
        return Main.OK;
    }
}
