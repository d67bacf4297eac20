package org.threatledger.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
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

    /** The subcommands, in the order help lists them. */
    static final List<Class<?>> COMMANDS = List.of(
            ImportCommand.class, StatsCommand.class, ShowCommand.class, SearchCommand.class,
            ExportCommand.class, ActorCommand.class, HuntCommand.class, RetrohuntCommand.class, PatternCommand.class,
            SyncCommand.class, ServeCommand.class, PartnerCommand.class, CollectionCommand.class, AuditCommand.class,
            DemoCommand.class, CommandLine.HelpCommand.class);

    /** Runs one command line; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        // Building a command's model reflects over its class and options: about 0.2 s of a cold start
        // for all of them. A line that names its command gets only that one; help, an unknown
        // command or none gets them all.
        Class<?> named = commandNamed(args);
        for (Class<?> command : named == null ? COMMANDS : List.of(named)) {
            cli.addSubcommand(command);
        }
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + (e instanceof UserError ? e.getMessage() : ImportRun.describe(e)));
            return e instanceof UserError u ? u.exitCode() : FAILURE;
        });
        return cli.execute(args);
    }

    /**
     * The command the line names (its first word that is neither an option nor the value of
     * {@code --home} or {@code --store}), or null when it names none, names {@code help} (which
     * needs every command) or a word that is no command.
     */
    static Class<?> commandNamed(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--home") || a.equals("--store")) {
                i++;
            } else if (!a.startsWith("-")) {
                for (Class<?> command : COMMANDS) {
                    Command c = command.getAnnotation(Command.class);
                    if (command != CommandLine.HelpCommand.class
                            && (c.name().equals(a) || Arrays.asList(c.aliases()).contains(a))) {
                        return command;
                    }
                }
                return null;
            }
        }
        return null;
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
