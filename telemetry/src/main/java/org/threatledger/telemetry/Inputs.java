package org.threatledger.telemetry;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** Expands input arguments (files, directories, {@code -}) and opens them, unzipping by magic bytes. */
final class Inputs {
    static final String STDIN = "-";

    private Inputs() {}

    /** Files and directories (walked, regular non-hidden files in name order); {@code -} stays stdin. */
    static List<String> expand(List<String> args) throws IOException {
        List<String> out = new ArrayList<>();
        for (String arg : args) {
            Path p = Path.of(arg);
            if (!arg.equals(STDIN) && Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(Files::isRegularFile)
                            .filter(f -> !f.getFileName().toString().startsWith("."))
                            .map(Path::toString).sorted().forEach(out::add);
                }
            } else {
                out.add(arg);
            }
        }
        return out;
    }

    /** The stream's bytes, gunzipped when they start with the gzip magic {@code 1f 8b}. */
    static InputStream decoded(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
        in.mark(2);
        int a = in.read();
        int b = in.read();
        in.reset();
        return a == 0x1f && b == 0x8b ? new GZIPInputStream(in, 1 << 16) : in;
    }
}
