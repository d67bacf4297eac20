package org.threatledger.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.threatledger.stix.Timestamps;
import org.threatledger.taxii.Disclosure;
import org.threatledger.taxii.DisclosureLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code audit verify|report}: the hash-chained disclosure log. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Check and read the disclosure log <home>/disclosures.log.",
        subcommands = {AuditCommand.Verify.class, AuditCommand.Report.class})
final class AuditCommand {
    @ParentCommand
    Main root;

    static DisclosureLog log(Main root) {
        return new DisclosureLog(Env.home(root).resolve("disclosures.log"));
    }

    /** {@code audit verify}. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Verify the hash chain: any edited, deleted, reordered or cut-off line fails (exit 1).",
                "Prints the head hash: record it elsewhere to detect a rewrite of the whole log."})
    static final class Verify implements Callable<Integer> {
        @ParentCommand
        AuditCommand parent;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            DisclosureLog.Verification v = log(parent.root).verify();
            PrintWriter out = Env.out(spec);
            if (v.ok()) {
                out.printf("disclosure log intact: %d entries, head %s%n", v.entries(), v.headHash());
                return Main.OK;
            }
            throw new Main.UserError("disclosure log broken: " + v.problem(), Main.FAILURE);
        }
    }

    /** {@code audit report}. */
    @Command(name = "report", mixinStandardHelpOptions = true, description = "List what a partner received from us and sent to us.")
    static final class Report implements Callable<Integer> {
        @ParentCommand
        AuditCommand parent;

        @Spec
        CommandSpec spec;

        @Option(names = "--partner", required = true, paramLabel = "NAME")
        String partner;

        @Override
        public Integer call() {
            List<Disclosure> all = log(parent.root).report(partner);
            PrintWriter out = Env.out(spec);
            for (Disclosure d : all) {
                out.printf("%s %-8s %s %s request=%s%n", Timestamps.format(d.time()), d.direction().name().toLowerCase(java.util.Locale.ROOT),
                        d.objectId(), d.version(), d.requestId());
            }
            long sent = all.stream().filter(d -> d.direction() == Disclosure.Direction.SENT).count();
            out.printf("%s: %d object versions sent, %d received%n", partner, sent, all.size() - sent);
            return Main.OK;
        }
    }
}
