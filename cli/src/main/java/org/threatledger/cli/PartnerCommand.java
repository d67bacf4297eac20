package org.threatledger.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.threatledger.stix.Tlp;
import org.threatledger.taxii.Authenticator;
import org.threatledger.taxii.Partner;
import org.threatledger.taxii.SharingConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code partner add|list|revoke}: the organisations we share with and their agreements. */
@Command(name = "partner", mixinStandardHelpOptions = true,
        description = "Manage partners and their agreements in <home>/sharing.json.",
        subcommands = {PartnerCommand.Add.class, PartnerCommand.Update.class, PartnerCommand.ListPartners.class,
            PartnerCommand.Revoke.class})
final class PartnerCommand {
    @ParentCommand
    Main root;

    /** A running server applies every change of this file to the next request (no restart). */
    static final String APPLIES = "A running server applies this to the next request.";

    /** {@code partner add}. */
    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Add a partner; prints its new secret once (only an argon2id hash is kept).",
                "It authenticates with HTTP Basic (user NAME, password SECRET) or Authorization: Bearer NAME.SECRET."})
    static final class Add implements Callable<Integer> {
        @ParentCommand
        PartnerCommand parent;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--max-tlp", paramLabel = "LEVEL", defaultValue = "green",
                description = "Most restrictive TLP it may receive: clear, green, amber, amber+strict (default: ${DEFAULT-VALUE}).")
        String maxTlp;

        @Option(names = "--read", paramLabel = "COLL", arity = "1..*", description = "Collections it may read.")
        List<String> read = new ArrayList<>();

        @Option(names = "--write", paramLabel = "COLL", arity = "1..*", description = "Collections it may write.")
        List<String> write = new ArrayList<>();

        @Option(names = "--own-org", description = "Our own organisation (the only one that receives AMBER+STRICT).")
        boolean ownOrg;

        @Option(names = "--redact", paramLabel = "RULE", split = ",",
                description = "Redactions: victims (identities become sectors), notes (no notes/opinions), sightings (anonymised where_sighted_refs).")
        List<String> redact = new ArrayList<>();

        @Override
        public Integer call() {
            Path file = Sharing.file(parent.root);
            SharingConfig config = Sharing.load(file);
            if (config.partner(name).filter(p -> !p.revoked()).isPresent()) {
                throw new Main.UserError("partner " + name + " exists; revoke it first to issue a new secret", Main.USAGE);
            }
            if (name.contains(":") || name.isBlank()) {
                throw new Main.UserError("a partner name must not be blank or contain ':' (it is the Basic user name)", Main.USAGE);
            }
            Tlp max = maxTlp(maxTlp);
            checkCollections(config, concat(read, write));
            String secret = Authenticator.newSecret();
            config.withPartner(new Partner(name, Authenticator.hash(secret), max, read, write, ownOrg, false,
                    redactions(redact))).save(file);
            PrintWriter out = Env.out(spec);
            out.println("partner " + name + " added (max " + max.display() + ")");
            out.println("secret: " + secret);
            out.println("bearer: " + name + "." + secret);
            out.println("This secret is shown once; only its hash is kept. " + APPLIES);
            return Main.OK;
        }
    }

    /** {@code partner update}. */
    @Command(name = "update", mixinStandardHelpOptions = true,
            description = {"Change a partner's agreement; its secret stays. Options not given stay as they are.",
                APPLIES})
    static final class Update implements Callable<Integer> {
        @ParentCommand
        PartnerCommand parent;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--max-tlp", paramLabel = "LEVEL", description = "Most restrictive TLP it may receive: clear, green, amber, amber+strict.")
        String maxTlp;

        @Option(names = "--read", paramLabel = "COLL", arity = "0..*", description = "Collections it may read (replaces the list; none: no collection).")
        List<String> read;

        @Option(names = "--write", paramLabel = "COLL", arity = "0..*", description = "Collections it may write (replaces the list; none: no collection).")
        List<String> write;

        @Option(names = "--own-org", negatable = true, description = "Whether it is our own organisation (the only one that receives AMBER+STRICT).")
        Boolean ownOrg;

        @Option(names = "--redact", paramLabel = "RULE", split = ",", arity = "0..*",
                description = "Redactions (replaces the list; none: no redaction): victims, notes, sightings.")
        List<String> redact;

        @Override
        public Integer call() {
            Path file = Sharing.file(parent.root);
            SharingConfig config = Sharing.load(file);
            Partner p = config.partner(name).filter(x -> !x.revoked())
                    .orElseThrow(() -> new Main.UserError("no partner " + name + " (or it is revoked)", Main.USAGE));
            List<String> r = read == null ? p.read() : read;
            List<String> w = write == null ? p.write() : write;
            checkCollections(config, concat(r, w));
            Partner updated = new Partner(p.name(), p.secretHash(), maxTlp == null ? p.maxTlp() : maxTlp(maxTlp), r, w,
                    ownOrg == null ? p.ownOrg() : ownOrg, false, redact == null ? p.redactions() : redactions(redact));
            config.withPartner(updated).save(file);
            Env.out(spec).println("partner " + name + " updated (max " + updated.maxTlp().display() + ", read "
                    + updated.read() + ", write " + updated.write() + "). " + APPLIES);
            return Main.OK;
        }
    }

    private static Tlp maxTlp(String text) {
        return Tlp.parse(text).filter(t -> t != Tlp.RED).orElseThrow(() -> new Main.UserError(
                "--max-tlp: '" + text + "' is not clear, green, amber or amber+strict (RED never leaves)", Main.USAGE));
    }

    private static void checkCollections(SharingConfig config, List<String> ids) {
        for (String c : ids) {
            if (config.collections().stream().noneMatch(col -> col.id().equals(c))) {
                throw new Main.UserError("no collection " + c + " (add it with: collection add " + c + " ...)", Main.USAGE);
            }
        }
    }

    private static Set<Partner.Redaction> redactions(List<String> rules) {
        EnumSet<Partner.Redaction> out = EnumSet.noneOf(Partner.Redaction.class);
        for (String r : rules) {
            try {
                out.add(Partner.Redaction.valueOf(r.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new Main.UserError("--redact: '" + r + "' is not victims, notes or sightings", Main.USAGE);
            }
        }
        return out;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** {@code partner list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List partners and their agreements.")
    static final class ListPartners implements Callable<Integer> {
        @ParentCommand
        PartnerCommand parent;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = Env.out(spec);
            for (Partner p : Sharing.load(Sharing.file(parent.root)).partners()) {
                out.printf("%-20s %-18s read=%s write=%s%s%s%s%n", p.name(), p.maxTlp().display(), p.read(), p.write(),
                        p.ownOrg() ? " own-org" : "", p.redactions().isEmpty() ? "" : " redact=" + p.redactions(),
                        p.revoked() ? " REVOKED" : "");
            }
            return Main.OK;
        }
    }

    /** {@code partner revoke}. */
    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revoke a partner: its credentials stop working, on a running server from its next request.")
    static final class Revoke implements Callable<Integer> {
        @ParentCommand
        PartnerCommand parent;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            Path file = Sharing.file(parent.root);
            SharingConfig config = Sharing.load(file);
            Partner p = config.partner(name).orElseThrow(() -> new Main.UserError("no partner " + name, Main.USAGE));
            config.withPartner(new Partner(p.name(), p.secretHash(), p.maxTlp(), p.read(), p.write(), p.ownOrg(), true,
                    p.redactions())).save(file);
            Env.out(spec).println("partner " + name + " revoked. " + APPLIES);
            return Main.OK;
        }
    }
}
