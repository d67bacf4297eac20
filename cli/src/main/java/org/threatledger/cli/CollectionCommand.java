package org.threatledger.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.threatledger.taxii.CollectionDefinition;
import org.threatledger.taxii.SharingConfig;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code collection add}: a TAXII collection, a query over the knowledge base or explicit membership. */
@Command(name = "collection", mixinStandardHelpOptions = true,
        description = "Manage TAXII collections in <home>/sharing.json.",
        subcommands = {CollectionCommand.Add.class})
final class CollectionCommand {
    @ParentCommand
    Main root;

    /** {@code collection add}. */
    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Add (or replace) a collection.",
                "Query language: terms joined by AND: type IN (indicator, malware) | type = indicator | tlp <= green",
                "| actor-country:CN (attributed to actors from that country); 'all' is everything. See docs/sharing.md."})
    static final class Add implements Callable<Integer> {
        @ParentCommand
        CollectionCommand parent;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Option(names = "--title", required = true, paramLabel = "T")
        String title;

        @Option(names = "--description", paramLabel = "TEXT")
        String description;

        @Option(names = "--api-root", paramLabel = "NAME", defaultValue = "intel", description = "API root (default: ${DEFAULT-VALUE}).")
        String apiRoot;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Kind kind;

        static final class Kind {
            @Option(names = "--query", paramLabel = "Q", description = "A query over the knowledge base.")
            String query;

            @Option(names = "--manual", description = "Explicit membership: objects posted to it, removed by DELETE.")
            boolean manual;
        }

        @Override
        public Integer call() {
            if (!id.matches("[A-Za-z0-9._-]+")) {
                throw new Main.UserError("a collection id takes letters, digits, '.', '_' and '-' only: " + id, Main.USAGE);
            }
            Path file = Sharing.file(parent.root);
            SharingConfig config = Sharing.load(file);
            if (config.apiRoots().stream().noneMatch(r -> r.name().equals(apiRoot))) {
                throw new Main.UserError("no API root " + apiRoot, Main.USAGE);
            }
            try {
                config.withCollection(new CollectionDefinition(id, apiRoot, title, description,
                        kind.manual ? null : kind.query)).save(file);
            } catch (IllegalArgumentException e) {
                throw new Main.UserError(e.getMessage(), Main.USAGE);
            }
            Env.out(spec).println("collection " + id + " added to API root " + apiRoot
                    + (kind.manual ? " (manual)" : " (query: " + kind.query + ")") + ". " + PartnerCommand.APPLIES);
            return Main.OK;
        }
    }
}
