package org.threatledger.cli;

import java.nio.file.Path;
import org.threatledger.taxii.LiveSharingConfig;
import org.threatledger.taxii.SharingConfig;

/** Reads and writes the sharing configuration for the commands, turning its errors into user errors. */
final class Sharing {
    private Sharing() {
    }

    static Path file(Main root) {
        return Env.home(root).resolve(SharingConfig.FILE);
    }

    /** The configuration a running server follows (see {@link LiveSharingConfig}); a bad file fails now. */
    static LiveSharingConfig watch(Path file) {
        try {
            return LiveSharingConfig.watch(file);
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            throw new Main.UserError(e.getMessage(), Main.USAGE);
        }
    }

    static SharingConfig load(Path file) {
        try {
            return SharingConfig.load(file);
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            throw new Main.UserError(e.getMessage(), Main.USAGE);
        }
    }
}
