package org.threatledger.cli;

import java.io.PrintStream;
import java.util.function.LongSupplier;
import org.threatledger.pipeline.ImportRun;

/** Import progress on a terminal: a bar for feeds of 4 MB and more, redrawn every 200 ms; silent when disabled. */
final class TerminalProgress implements ImportRun.Progress {
    private final PrintStream err;
    private final boolean enabled;
    private Thread ticker;

    TerminalProgress(PrintStream err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    @Override
    public void start(String fileName, long rawSize, LongSupplier rawRead) {
        if (!enabled || rawSize < 4 * 1024 * 1024) {
            return;
        }
        ticker = Thread.ofPlatform().daemon().start(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    long pct = Math.min(100, rawRead.getAsLong() * 100 / Math.max(1, rawSize));
                    int bars = (int) (pct / 4);
                    err.print("\r  " + fileName + " [" + "#".repeat(bars)
                            + " ".repeat(25 - bars) + "] " + pct + "%");
                    err.flush();
                    Thread.sleep(200);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    @Override
    public void done() {
        if (ticker != null) {
            ticker.interrupt();
            try {
                ticker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            err.print("\r" + " ".repeat(70) + "\r");
            err.flush();
            ticker = null;
        }
    }
}
