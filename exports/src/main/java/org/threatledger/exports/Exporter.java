package org.threatledger.exports;

import java.io.IOException;

/**
 * One export format. Registered explicitly in {@link Exporters#builtIn()}; an exporter reads what
 * the {@link ExportContext} selected (already filtered by TLP, actor and confidence), writes through
 * the {@link ExportOutput}, and counts what it wrote and skipped in the context's summary.
 */
public interface Exporter {

    /** The {@code --format} name: {@code zeek-intel}. */
    String format();

    /** One line for the help text. */
    String description();

    /** True when the output is a directory of several files (otherwise one file). */
    default boolean writesDirectory() {
        return false;
    }

    /** True when the format only makes sense for one actor ({@code --actor} is required). */
    default boolean needsActor() {
        return false;
    }

    /** Writes the export. */
    void write(ExportContext context, ExportOutput output) throws IOException;
}
