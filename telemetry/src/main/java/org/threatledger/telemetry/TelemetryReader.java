package org.threatledger.telemetry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.threatledger.match.Observation;

/**
 * Drives adapters over inputs and passes their observations to a consumer, returning what each
 * input gave ({@link FileStats}). Inputs are files ({@code .gz} recognised by its magic bytes),
 * directories (walked in name order) and {@code -} for stdin. The format is detected per input
 * from its first 64 KB unless the options name one. Bad input never throws: it is counted in
 * the input's stats; an input that cannot be opened counts an {@link ParseError#IO_ERROR}.
 * {@link #follow} tails a growing file (the {@code --follow} of {@code hunt}).
 */
public final class TelemetryReader {
    private static final int HEAD = 1 << 16;

    private final TelemetryOptions options;
    private final InputStream stdin;
    private final long pollMillis;

    /** A reader with these options over the process's stdin, polling every 250 ms when following. */
    public TelemetryReader(TelemetryOptions options) {
        this(options, System.in, 250);
    }

    /** A reader with its own stdin and follow poll interval (tests). */
    public TelemetryReader(TelemetryOptions options, InputStream stdin, long pollMillis) {
        this.options = options;
        this.stdin = stdin;
        this.pollMillis = pollMillis;
        if (!options.format().equals("auto")) {
            TelemetryAdapters.named(options.format()).open("-", options);
        }
    }

    /** Reads every input to its end. */
    public List<FileStats> read(List<String> inputs, Consumer<Observation> out) throws IOException {
        List<FileStats> stats = new ArrayList<>();
        for (String source : Inputs.expand(inputs)) {
            stats.add(readOne(source, out));
        }
        return stats;
    }

    private FileStats readOne(String source, Consumer<Observation> out) {
        RecordSink sink = new RecordSink(source, "unknown", options.sensor(), out);
        try (InputStream raw = source.equals(Inputs.STDIN) ? nonClosing(stdin) : Files.newInputStream(Path.of(source))) {
            Run run = Run.open(Inputs.decoded(raw), source, options, sink);
            if (run != null) {
                while (run.scanner.pump(run)) {
                    // every complete line is handed out inside pump
                }
                run.scanner.finish(run);
            }
        } catch (IOException e) {
            sink.error(ParseError.IO_ERROR);
        }
        return sink.stats();
    }

    /**
     * Follows a growing file until {@code stop} says so: reads what is there, then polls for
     * appended lines, holding a partial last line until its newline arrives. A truncated file
     * (smaller than what was read; as with {@code tail -F}, a file truncated and refilled past the
     * old size between two polls is not noticed) is read again from its start; a rotated one (the
     * name now points to another file) is read to its end, then the new file from its start.
     */
    public FileStats follow(Path file, Consumer<Observation> out, BooleanSupplier stop) throws InterruptedException {
        RecordSink sink = new RecordSink(file.toString(), "unknown", options.sensor(), out);
        while (!stop.getAsBoolean()) {
            if (!hasBytes(file)) {
                Thread.sleep(pollMillis);
                continue;
            }
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                Object key = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
                Run run = Run.open(Channels.newInputStream(ch), file.toString(), options, sink);
                if (run == null) {
                    return sink.stats();
                }
                followOpen(file, ch, key, run, stop);
                run.scanner.finish(run);
            } catch (NoSuchFileException e) {
                Thread.sleep(pollMillis);
            } catch (IOException e) {
                sink.error(ParseError.IO_ERROR);
                Thread.sleep(pollMillis);
            }
        }
        return sink.stats();
    }

    /** Tails one open file until it is stopped, truncated or rotated. */
    private void followOpen(Path file, FileChannel ch, Object key, Run run, BooleanSupplier stop)
            throws IOException, InterruptedException {
        while (!stop.getAsBoolean()) {
            if (run.scanner.pump(run)) {
                continue;
            }
            if (replaced(file, ch, key)) {
                while (run.scanner.pump(run)) {
                    // drain what the old file still has
                }
                return;
            }
            Thread.sleep(pollMillis);
        }
    }

    private static boolean hasBytes(Path file) {
        try {
            return Files.isRegularFile(file) && Files.size(file) > 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean replaced(Path file, FileChannel ch, Object key) throws IOException {
        try {
            var attrs = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class);
            return attrs.size() < ch.position() || (key != null && !key.equals(attrs.fileKey()));
        } catch (NoSuchFileException e) {
            return true;
        }
    }

    private static InputStream nonClosing(InputStream in) {
        return new java.io.FilterInputStream(in) {
            @Override
            public void close() {
                // stdin stays open for whoever owns it
            }
        };
    }

    /** One input being read: its scanner, its adapter's parser and its sink. */
    private static final class Run implements LineScanner.Lines {
        final LineScanner scanner;
        private final LineParser parser;
        private final RecordSink sink;
        private long line;

        private Run(LineScanner scanner, LineParser parser, RecordSink sink) {
            this.scanner = scanner;
            this.parser = parser;
            this.sink = sink;
        }

        /** Detects (or takes) the format from the head; null, with the error counted, when none fits. */
        static Run open(InputStream in, String source, TelemetryOptions options, RecordSink sink) throws IOException {
            LineScanner scanner = new LineScanner(in);
            int n = scanner.head(HEAD);
            TelemetryAdapter adapter = options.format().equals("auto")
                    ? TelemetryAdapters.detect(source, scanner.buffer(), n, options).orElse(null)
                    : TelemetryAdapters.named(options.format());
            if (adapter == null) {
                if (n > 0) {
                    sink.error(ParseError.UNKNOWN_FORMAT);
                }
                return null;
            }
            sink.format(adapter.format());
            return new Run(scanner, adapter.open(source, options), sink);
        }

        @Override
        public void line(byte[] buf, int from, int to, boolean terminated) {
            sink.line();
            ParseError e = parser.parse(buf, from, to, ++line, sink);
            if (e != null) {
                sink.error(terminated ? e : ParseError.TRUNCATED_LINE);
            }
        }

        @Override
        public void overlong() {
            sink.line();
            line++;
            sink.error(ParseError.OVERLONG_LINE);
        }
    }
}
