package org.threatledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/** The command line run in-process against a data directory, as the tests drive it. */
record CliRun(int code, String out, String err) {

    /** Runs {@code threatledger --home HOME ARGS...}. */
    static CliRun in(Path home, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 2];
        all[0] = "--home";
        all[1] = home.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        int code = Main.run(all, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliRun(code, out.toString(), err.toString());
    }

    /** {@code --json} followed by {@code args}: the machine-readable output. */
    static String[] withJson(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "--json";
        System.arraycopy(args, 0, all, 1, args.length);
        return all;
    }

    /** Runs it, asserts exit 0 and returns what it printed. */
    static String ok(Path home, String... args) {
        CliRun r = in(home, args);
        assertThat(r.code()).as("%s: %s %s", String.join(" ", args), r.out(), r.err()).isZero();
        return r.out();
    }
}
