package org.threatledger.exports;

import java.io.IOException;
import java.io.OutputStream;

/** Where an exporter writes: one named file at a time; nothing is visible until the export succeeds. */
public interface ExportOutput {

    /**
     * Opens a file of the export for writing. For a single-file format the name is only a label
     * (the user chose the file); for a directory format it is the file's name in the directory.
     */
    OutputStream open(String fileName) throws IOException;
}
