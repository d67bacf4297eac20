package org.threatledger.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.threatledger.analysis.ActorDirectory;
import org.threatledger.exports.ExportException;
import org.threatledger.exports.ExportSummary;
import org.threatledger.exports.ObjectSelection;
import org.threatledger.ingest.ImportOptions;
import org.threatledger.ingest.ImportReport;
import org.threatledger.ingest.Importers;
import org.threatledger.ingest.Rejection;
import org.threatledger.pipeline.ImportRun;
import org.threatledger.pipeline.Validation;
import org.threatledger.stix.StixException;
import org.threatledger.stix.StixObject;
import org.threatledger.stix.Tlp;
import org.threatledger.store.KnowledgeStore;
import org.threatledger.taxii.client.ClientOptions;
import org.threatledger.taxii.client.Credentials;
import org.threatledger.taxii.client.PullResult;
import org.threatledger.taxii.client.PullState;
import org.threatledger.taxii.client.PushResult;
import org.threatledger.taxii.client.TaxiiClient;
import org.threatledger.taxii.client.TaxiiException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code sync pull|push}: a TAXII 2.1 collection into or out of the knowledge base. A pull stores
 * its objects through the same validation and batching as {@code import}, then saves the pull
 * state under {@code <home>/feeds/} (only after the objects are durable), so the next pull resumes.
 */
@Command(name = "sync", mixinStandardHelpOptions = true,
        description = "Pull from or push to a TAXII 2.1 collection.",
        subcommands = {SyncCommand.Pull.class, SyncCommand.Push.class})
final class SyncCommand {
    @ParentCommand
    Main root;

    /** The server, the collection and the credentials. */
    static final class Connection {
        @Parameters(index = "0", paramLabel = "URL", description = "The server's discovery URL or an API root URL.")
        URI url;

        @Option(names = "--collection", required = true, paramLabel = "ID", description = "The collection id.")
        String collection;

        @Option(names = "--user", paramLabel = "U", description = "HTTP Basic user (with --password).")
        String user;

        @Option(names = "--password", paramLabel = "P", description = "HTTP Basic password.")
        String password;

        @Option(names = "--token", paramLabel = "T", description = "Bearer token (API key), instead of --user/--password.")
        String token;

        Credentials credentials() {
            if (token != null && (user != null || password != null)) {
                throw new Main.UserError("give either --token or --user/--password, not both", Main.USAGE);
            }
            if ((user == null) != (password == null)) {
                throw new Main.UserError("--user and --password go together", Main.USAGE);
            }
            try {
                return token != null ? Credentials.bearer(token) : user != null ? Credentials.basic(user, password) : Credentials.none();
            } catch (IllegalArgumentException e) {
                throw new Main.UserError(e.getMessage(), Main.USAGE);
            }
        }

        TaxiiClient connect() {
            if (url.getScheme() == null || !url.getScheme().matches("https?")) {
                throw new Main.UserError("URL must be http:// or https://, got '" + url + "'", Main.USAGE);
            }
            try {
                return TaxiiClient.connect(url, credentials(), ClientOptions.defaults());
            } catch (TaxiiException e) {
                throw new Main.UserError(e.getMessage(), Main.FAILURE);
            }
        }

        /** {@code taxii:<host>/<collection>}, the provenance source of pulled objects. */
        String source() {
            return "taxii:" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort()) + "/" + collection;
        }
    }

    @Command(name = "pull", mixinStandardHelpOptions = true,
            description = {"Import a TAXII collection's new objects; the next pull resumes where this one ended.",
                "Prints the import report; exit code 3 if objects were rejected, 1 if the server failed (what came before is kept)."})
    static final class Pull implements Callable<Integer> {
        @ParentCommand
        SyncCommand sync;

        @Spec
        CommandSpec spec;

        @Mixin
        Connection connection;

        @Option(names = "--limit", paramLabel = "N", description = "Pull at most N objects now (rounded to a page); the next pull continues.")
        Long limit;

        @Option(names = "--tlp", paramLabel = "LEVEL", description = "TLP for objects that carry none (default: the store's, amber).")
        String tlp;

        @Override
        public Integer call() throws IOException {
            Main root = sync.root;
            Tlp level = tlp == null ? null : Tlp.parse(tlp).orElseThrow(() -> new Main.UserError(
                    "--tlp must be one of clear, green, amber, amber+strict, red; got '" + tlp + "'", Main.USAGE));
            if (limit != null && limit < 1) {
                throw new Main.UserError("--limit must be at least 1, got " + limit, Main.USAGE);
            }
            Path stateFile = stateFile(Env.home(root), connection.url + "\n" + connection.collection);
            PullState since = readState(stateFile);
            ImportOptions options = new ImportOptions(connection.source(), level, null, false, Instant.now());
            long started = System.nanoTime();
            PullResult result;
            ImportReport report;
            try (TaxiiClient client = connection.connect();
                    KnowledgeStore store = Env.open(root);
                    ImportRun run = new ImportRun(store, Importers.builtIn(), Validation.forImport())) {
                ImportRun.Sink sink = run.feed(connection.url.toString(), options);
                try {
                    result = client.pull(connection.collection, since, limit == null ? Long.MAX_VALUE : limit, sink::object);
                } catch (TaxiiException e) {
                    throw new Main.UserError(e.getMessage(), Main.FAILURE);
                }
                for (PullResult.Skipped s : result.skipped()) {
                    sink.reject(new Rejection(s.url(), 0, s.objectId(), null, s.type() == null ? "object" : s.type(), s.reason()));
                }
                sink.finish();
                report = run.report();
            }
            writeState(stateFile, result.state());
            print(report, result, (System.nanoTime() - started) / 1e9);
            if (result.failure().isPresent()) {
                spec.commandLine().getErr().println("error: " + result.failure().get().getMessage()
                        + "; the " + result.delivered() + " valid objects before it were imported");
                return Main.FAILURE;
            }
            return report.rejected() > 0 ? Main.REJECTED : Main.OK;
        }

        private void print(ImportReport report, PullResult result, double seconds) {
            PrintWriter out = spec.commandLine().getOut();
            if (sync.root.json) {
                Map<String, Object> m = new LinkedHashMap<>(ImportCommand.toJson(report, seconds));
                m.put("pages", result.pages());
                m.put("duplicates", result.duplicates());
                m.put("complete", result.failure().isEmpty() && result.state().next() == null);
                result.failure().ifPresent(f -> m.put("error", f.getMessage()));
                Json.print(out, m);
            } else {
                ImportCommand.printHuman(out, report, seconds);
                out.printf("%d pages from %s%s%n", result.pages(), connection.source(),
                        result.state().next() != null ? "; more remain (run sync pull again)" : "");
            }
        }
    }

    @Command(name = "push", mixinStandardHelpOptions = true,
            description = {"Send current objects to a TAXII collection; RED and AMBER+STRICT never leave.",
                "Sends the objects export --format stix21 writes at the same --max-tlp, --type and --actor (without list entries).",
                "Exit code 3 if the server refused objects."})
    static final class Push implements Callable<Integer> {
        @ParentCommand
        SyncCommand sync;

        @Spec
        CommandSpec spec;

        @Mixin
        Connection connection;

        @Option(names = "--type", paramLabel = "T", description = "Only these STIX types (repeatable).")
        List<String> types;

        @Option(names = "--actor", paramLabel = "NAME", description = "Only these actors, their relationships and what they point at (repeatable).")
        List<String> actors;

        @Option(names = "--max-tlp", paramLabel = "LEVEL", defaultValue = "green",
                description = "The most restrictive TLP sent: clear|green|amber (default: ${DEFAULT-VALUE}).")
        String maxTlp;

        @Override
        public Integer call() {
            Tlp max = Tlp.parse(maxTlp).filter(t -> !t.isMoreRestrictiveThan(Tlp.AMBER)).orElseThrow(() -> new Main.UserError(
                    "--max-tlp must be clear, green or amber (RED and AMBER+STRICT never leave), got '" + maxTlp + "'", Main.USAGE));
            List<StixObject> selected = new ArrayList<>();
            ExportSummary withheld = new ExportSummary("push");
            try (KnowledgeStore store = Env.open(sync.root)) {
                ActorDirectory directory = ActorDirectory.load(store);
                new ObjectSelection(store, max, types, ObjectSelection.actors(directory, actors), directory, withheld)
                        .forEach(selected::add);
            } catch (ExportException e) {
                throw new Main.UserError(e.getMessage(), Main.FAILURE);
            }
            PushResult r;
            try (TaxiiClient client = connection.connect()) {
                r = client.push(connection.collection, selected);
            } catch (TaxiiException e) {
                throw new Main.UserError(e.getMessage(), Main.FAILURE);
            }
            PrintWriter out = spec.commandLine().getOut();
            if (sync.root.json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("total", r.total());
                m.put("requests", r.requests());
                m.put("succeeded", r.successes().size());
                m.put("failed", r.failures().stream().map(PushResult.Outcome::toString).toList());
                m.put("pending", r.pending().stream().map(PushResult.Outcome::toString).toList());
                m.put("not_sent", new TreeMap<>(withheld.skipped()));
                Json.print(out, m);
            } else {
                out.printf("pushed %,d objects in %d requests to %s: %,d stored, %,d failed, %,d pending%n", r.total(), r.requests(),
                        connection.source(), r.successes().size(), r.failures().size(), r.pending().size());
                r.failures().stream().limit(20).forEach(f -> out.println("  failed: " + f));
                new TreeMap<>(withheld.skipped()).forEach((reason, n) -> out.printf("  not sent %,d: %s%n", n, reason));
            }
            return r.failures().isEmpty() ? Main.OK : Main.REJECTED;
        }
    }

    static Path stateFile(Path home, String feed) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(feed.getBytes(StandardCharsets.UTF_8));
            return home.resolve("feeds").resolve(HexFormat.of().formatHex(digest, 0, 16) + ".json");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static PullState readState(Path file) throws IOException {
        if (!Files.exists(file)) {
            return PullState.START;
        }
        try {
            return PullState.parse(Files.readString(file));
        } catch (StixException e) {
            throw new Main.UserError("the pull state " + file + " is damaged (" + e.getMessage() + "); delete it to pull the collection from the start",
                    Main.FAILURE);
        }
    }

    /** Written to a temporary file and moved into place: a crash never leaves half a state. */
    private static void writeState(Path file, PullState state) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), ".state-", ".json");
        Files.writeString(tmp, state.toJson());
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
