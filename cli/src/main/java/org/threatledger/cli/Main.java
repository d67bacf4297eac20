package org.threatledger.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.threatledger.pipeline.ImportRun;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code threatledger} command: global options and the subcommands. */
@Command(name = "threatledger",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Track, detect, attribute and share intelligence on state-sponsored cyber-espionage.",
        subcommands = {
            ImportCommand.class, StatsCommand.class, ShowCommand.class, SearchCommand.class,
            ExportCommand.class, ActorCommand.class, HuntCommand.class, RetrohuntCommand.class, PatternCommand.class,
            SyncCommand.class, ServeCommand.class, PartnerCommand.class, CollectionCommand.class, AuditCommand.class,
            DemoCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:ok",
            "1:failure",
            "2:usage error",
            "3:finished, but some records were rejected"},
        footerHeading = "%nEnvironment:%n",
        footer = {
            "THREATLEDGER_HOME   data directory when --home is not given (default ~/.threatledger)",
            "THREATLEDGER_STORE  a jdbc:postgresql:// URL to use PostgreSQL instead of the embedded store"})
public final class Main {
    static final int OK = 0;
    static final int FAILURE = 1;
    static final int USAGE = 2;
    static final int REJECTED = 3;

    @Option(names = "--home", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "Data directory (default: $THREATLEDGER_HOME or ~/.threatledger).")
    Path home;

    @Option(names = "--store", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "Knowledge store: a jdbc:postgresql:// URL for team mode (default: $THREATLEDGER_STORE, else the embedded SQLite file under the home).")
    String store;

    @Option(names = "--json", scope = ScopeType.INHERIT,
            description = "Machine-readable JSON output.")
    boolean json;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs one command line; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + (e instanceof UserError ? e.getMessage() : ImportRun.describe(e)));
            return e instanceof UserError u ? u.exitCode() : FAILURE;
        });
        return cli.execute(args);
    }

    /** A failure the user can act on, printed without a stack trace. */
    static final class UserError extends RuntimeException {
        private final int exitCode;

        UserError(String message, int exitCode) {
            super(message);
            this.exitCode = exitCode;
        }

        int exitCode() {
            return exitCode;
        }
    }

    /** The version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"threatledger " + (v == null ? "development build" : v)};
        }
    }
}
