package org.threatledger.exports;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The files of one export, each written to a temporary file beside its target and moved into place
 * only when the whole export succeeded, so a failed export never leaves half a file behind (and a
 * sensor reading the target never sees one). A single-file format gets exactly one file, the
 * target; a directory format gets the target directory (created if missing) and names its files.
 */
final class ExportFiles implements ExportOutput {
    private final Path target;
    private final boolean directory;
    private final Map<Path, Path> staged = new LinkedHashMap<>();

    private ExportFiles(Path target, boolean directory) {
        this.target = target.toAbsolutePath();
        this.directory = directory;
    }

    static ExportFiles of(Path target, boolean directory) throws IOException {
        ExportFiles files = new ExportFiles(target, directory);
        if (directory) {
            if (Files.exists(files.target) && !Files.isDirectory(files.target)) {
                throw new ExportException("--out " + target + " must be a directory for this format");
            }
            Files.createDirectories(files.target);
        } else {
            if (Files.isDirectory(files.target)) {
                throw new ExportException("--out " + target + " is a directory; this format writes one file");
            }
            Files.createDirectories(files.target.getParent());
        }
        return files;
    }

    @Override
    public OutputStream open(String fileName) throws IOException {
        Path dest;
        if (directory) {
            if (fileName.isEmpty() || fileName.contains("/") || fileName.contains("\\") || fileName.startsWith(".")) {
                throw new IllegalArgumentException("an export file name is a plain name, got '" + fileName + "'");
            }
            dest = target.resolve(fileName);
        } else {
            if (!staged.isEmpty()) {
                throw new IllegalStateException("a single-file export opens one file only");
            }
            dest = target;
        }
        Path tmp = Files.createTempFile(dest.getParent(), "." + dest.getFileName() + "-", ".tmp");
        staged.put(dest, tmp);
        return Files.newOutputStream(tmp);
    }

    /** Moves every staged file into place and records it in the summary. */
    void commit(ExportSummary summary) throws IOException {
        if (!directory && staged.isEmpty()) {
            open(target.getFileName().toString()).close();
        }
        for (Map.Entry<Path, Path> e : staged.entrySet()) {
            try {
                Files.move(e.getValue(), e.getKey(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException ex) {
                Files.move(e.getValue(), e.getKey(), StandardCopyOption.REPLACE_EXISTING);
            }
            summary.file(e.getKey().toString());
        }
        staged.clear();
    }

    /** Deletes what was staged (after a failure). */
    void discard() {
        for (Path tmp : staged.values()) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // best effort: the failure that brought us here is what the user needs to see
            }
        }
        staged.clear();
    }
}
