package org.threatledger.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.threatledger.store.KnowledgeStore;
import org.threatledger.store.Stores;

/** Where the data lives and how to open it, from the global options and the environment. */
final class Env {
    private Env() {}

    static Path home(Main root) {
        if (root.home != null) {
            return root.home.toAbsolutePath();
        }
        String env = System.getenv("THREATLEDGER_HOME");
        if (env != null && !env.isBlank()) {
            return Path.of(env).toAbsolutePath();
        }
        return Path.of(System.getProperty("user.home"), ".threatledger");
    }

    static String storeUrl(Main root) {
        if (root.store != null && !root.store.isBlank()) {
            return root.store;
        }
        String env = System.getenv("THREATLEDGER_STORE");
        return env == null || env.isBlank() ? null : env;
    }

    /** Opens the configured store; the embedded one is created on first use. */
    static KnowledgeStore open(Main root) {
        String url = storeUrl(root);
        if (url != null) {
            if (!url.startsWith("jdbc:postgresql:")) {
                throw new Main.UserError("--store must be a jdbc:postgresql:// URL, got '" + url + "'", Main.USAGE);
            }
            return Stores.postgres(url);
        }
        Path home = home(root);
        try {
            Files.createDirectories(home);
        } catch (IOException e) {
            throw new Main.UserError("cannot create the data directory " + home + ": " + e.getMessage(), Main.FAILURE);
        }
        return Stores.embedded(home);
    }

    static PrintWriter out(picocli.CommandLine.Model.CommandSpec spec) {
        return spec.commandLine().getOut();
    }
}
