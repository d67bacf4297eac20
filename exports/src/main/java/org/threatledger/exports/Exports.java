package org.threatledger.exports;

import java.io.IOException;
import java.nio.file.Path;
import org.threatledger.store.KnowledgeStore;

/** Runs one export: checks the options against the format, writes through staged files, returns the summary. */
public final class Exports {
    private Exports() {}

    /** Exports from the store in the given format to {@code out} (a file, or a directory for multi-file formats). */
    public static ExportSummary run(KnowledgeStore store, Exporter exporter, ExportOptions options, Path out)
            throws IOException {
        if (exporter.needsActor() && options.actor() == null) {
            throw new ExportException("--format " + exporter.format() + " needs --actor NAME");
        }
        ExportSummary summary = new ExportSummary(exporter.format());
        ExportContext context = new ExportContext(store, options, summary);
        context.actor();
        ExportFiles files = ExportFiles.of(out, exporter.writesDirectory());
        try {
            exporter.write(context, files);
            files.commit(summary);
        } catch (IOException | RuntimeException e) {
            files.discard();
            throw e;
        }
        return summary;
    }
}
