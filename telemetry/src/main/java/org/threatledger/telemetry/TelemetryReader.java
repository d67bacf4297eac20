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
    /** The most inputs read together in time order (each holds a 2 MB line buffer). */
    static final int MERGE_MAX = 32;
    /** Bytes read per input and turn when merging: a few hundred lines queued per input at most. */
    private static final int MERGE_READ = 1 << 16;

    private final TelemetryOptions options;
    private final InputStream stdin;
    private final long pollMillis;
    private BooleanSupplier recordsWanted = () -> true;

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

    /**
     * Tells the reader, record by record, whether observations must carry their whole record
     * ({@link Observation#record()}); by default they do. A hunt asks its current indicator set, so
     * records are copied only while some pattern needs full evaluation. Returns this reader.
     */
    public TelemetryReader recordsWanted(BooleanSupplier wanted) {
        this.recordsWanted = java.util.Objects.requireNonNull(wanted, "wanted");
        return this;
    }

    /**
     * Reads every input to its end. Several inputs (up to {@value #MERGE_MAX}) are read together and
     * their observations handed out in event-time order, a k-way merge on the head of each input, so
     * that a pattern joining records of two logs ({@code [dns] FOLLOWEDBY [conn] WITHIN 60 SECONDS})
     * sees them as they happened rather than one log after the other. Each input is assumed to be in
     * time order itself, as Zeek and proxy logs are, give or take the seconds a connection lasts.
     * More inputs than that (a directory of a month of rotated logs) are read one after another.
     */
    public List<FileStats> read(List<String> inputs, Consumer<Observation> out) throws IOException {
        List<String> sources = Inputs.expand(inputs);
        if (sources.size() > 1 && sources.size() <= MERGE_MAX) {
            return readMerged(sources, out);
        }
        List<FileStats> stats = new ArrayList<>();
        for (String source : sources) {
            stats.add(readOne(source, out));
        }
        return stats;
    }

    private List<FileStats> readMerged(List<String> sources, Consumer<Observation> out) {
        List<Input> inputs = new ArrayList<>(sources.size());
        List<java.util.ArrayDeque<Observation>> queues = new ArrayList<>(sources.size());
        try {
            for (String source : sources) {
                java.util.ArrayDeque<Observation> queue = new java.util.ArrayDeque<>();
                queues.add(queue);
                inputs.add(new Input(source, queue::addLast, MERGE_READ));
            }
            while (true) {
                java.util.ArrayDeque<Observation> best = null;
                long second = Long.MAX_VALUE;
                for (int i = 0; i < inputs.size(); i++) {
                    java.util.ArrayDeque<Observation> queue = queues.get(i);
                    // an input's observations wait in its queue until they are the oldest
                    while (queue.isEmpty() && inputs.get(i).pump()) {
                        // reads on until an observation waits or the input ends
                    }
                    if (queue.isEmpty()) {
                        continue;
                    }
                    long t = queue.peekFirst().timeMicros();
                    if (best == null || t < best.peekFirst().timeMicros()) {
                        if (best != null) {
                            second = Math.min(second, best.peekFirst().timeMicros());
                        }
                        best = queue;
                    } else {
                        second = Math.min(second, t);
                    }
                }
                if (best == null) {
                    break;
                }
                do {
                    out.accept(best.pollFirst());
                } while (!best.isEmpty() && best.peekFirst().timeMicros() <= second);
            }
        } finally {
            inputs.forEach(Input::close);
        }
        List<FileStats> stats = new ArrayList<>(inputs.size());
        for (Input in : inputs) {
            stats.add(in.sink.stats());
        }
        return stats;
    }

    private FileStats readOne(String source, Consumer<Observation> out) {
        Input in = new Input(source, out, Integer.MAX_VALUE);
        try {
            while (in.pump()) {
                // every complete line is handed out inside pump
            }
        } finally {
            in.close();
        }
        return in.sink.stats();
    }

    /** One input being read (a file, {@code .gz} or stdin): opened, its format detected, read a chunk at a time. */
    private final class Input {
        final RecordSink sink;
        private InputStream raw;
        private Run run;

        /** Opens {@code source}; what cannot be opened or detected is counted in its stats and reads as empty. */
        Input(String source, Consumer<Observation> out, int maxRead) {
            sink = new RecordSink(source, "unknown", options.sensor(), out, recordsWanted);
            try {
                raw = source.equals(Inputs.STDIN) ? nonClosing(stdin) : Files.newInputStream(Path.of(source));
                run = Run.open(Inputs.decoded(raw), source, options, sink, maxRead);
            } catch (IOException e) {
                sink.error(ParseError.IO_ERROR);
            }
            if (run == null) {
                close();
            }
        }

        /** Hands out the lines of the next chunk; false once the input has ended (its last line handed out). */
        boolean pump() {
            if (run == null) {
                return false;
            }
            try {
                if (run.scanner.pump(run)) {
                    return true;
                }
                run.scanner.finish(run);
            } catch (IOException e) {
                sink.error(ParseError.IO_ERROR);
            }
            close();
            return false;
        }

        void close() {
            run = null;
            if (raw != null) {
                try {
                    raw.close();
                } catch (IOException e) {
                    sink.error(ParseError.IO_ERROR);
                }
                raw = null;
            }
        }
    }

    /**
     * Follows a growing file until {@code stop} says so: reads what is there, then polls for
     * appended lines, holding a partial last line until its newline arrives. A truncated file
     * (smaller than what was read; as with {@code tail -F}, a file truncated and refilled past the
     * old size between two polls is not noticed) is read again from its start; a rotated one (the
     * name now points to another file) is read to its end, then the new file from its start.
     */
    public FileStats follow(Path file, Consumer<Observation> out, BooleanSupplier stop) throws InterruptedException {
        RecordSink sink = new RecordSink(file.toString(), "unknown", options.sensor(), out, recordsWanted);
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
            return open(in, source, options, sink, Integer.MAX_VALUE);
        }

        static Run open(InputStream in, String source, TelemetryOptions options, RecordSink sink, int maxRead)
                throws IOException {
            LineScanner scanner = new LineScanner(in, maxRead);
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
