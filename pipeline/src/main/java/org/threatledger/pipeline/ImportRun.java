package org.threatledger.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.threatledger.ingest.FeedInput;
import org.threatledger.ingest.ImportOptions;
import org.threatledger.ingest.ImportReport;
import org.threatledger.ingest.ImportReport.Count;
import org.threatledger.ingest.ImportSink;
import org.threatledger.ingest.Importer;
import org.threatledger.ingest.Importers;
import org.threatledger.ingest.Rejection;
import org.threatledger.stix.Finding;
import org.threatledger.stix.IocEntry;
import org.threatledger.stix.StixObject;
import org.threatledger.stix.ValidationReport;
import org.threatledger.stix.Validator;
import org.threatledger.store.KnowledgeStore;
import org.threatledger.store.Provenance;
import org.threatledger.store.PutResult;
import org.threatledger.store.StoredObject;

/**
 * One import: every feed through its importer into the store, in batches of {@value #BATCH}
 * objects, each batch one transaction. What a batch reported as stored is durable; a failing batch
 * stores nothing and stops the run with the feeds before it intact.
 */
public final class ImportRun implements AutoCloseable {
    static final int BATCH = 5000;
    private static final String LIST_TYPE = "x-threatledger-ioc-list";

    private final KnowledgeStore store;
    private final Importers importers;
    private final Validator validator;
    private final ImportReport report = new ImportReport();
    private final BatchWriter writer = new BatchWriter();
    private volatile Consumer<List<StixObject>> stored = batch -> { };

    public ImportRun(KnowledgeStore store, Importers importers, Validator validator) {
        this.store = store;
        this.importers = importers;
        this.validator = validator;
    }

    public ImportReport report() {
        return report;
    }

    /** Stops the writer thread. */
    @Override
    public void close() {
        writer.close();
    }

    /** Imports every feed; {@code format} is a format name or {@code auto}. */
    public void run(List<String> arguments, String format, ImportOptions options, Path tempDir, Progress progress)
            throws IOException {
        for (Feeds.Feed feed : Feeds.expand(arguments, tempDir)) {
            progress.start(feed.input().fileName(), feed.rawSize(), feed.rawRead()::get);
            try {
                run(feed.input(), format, options);
            } finally {
                progress.done();
            }
        }
    }

    /**
     * Imports one document, a file's or one that is no file (an upload, named by its input in every
     * finding); {@code format} is a format name or {@code auto}. A document that cannot be read or
     * recognised is one rejection in the report; a bad record never stops the rest.
     */
    public void run(FeedInput input, String format, ImportOptions options) {
        Importer importer;
        try {
            importer = pick(input, format);
        } catch (IOException e) {
            report.reject(new Rejection(input.name(), 0, null, null, "document",
                    "cannot read: " + describe(e) + "; nothing was imported from this file"));
            return;
        }
        if (importer == null) {
            report.reject(new Rejection(input.name(), 0, null, null, "document",
                    "format not recognised; name one of " + String.join(", ", importers.formats())));
            return;
        }
        ImportOptions effective = options.source() != null ? options
                : new ImportOptions(importer.format(), options.tlp(), options.actor(), options.subdomains(), options.importedAt());
        Sink sink = new Sink(input.name(), provenance(effective, input.name()));
        try {
            importer.read(input, effective, sink);
        } catch (IOException | RuntimeException e) {
            sink.reject(new Rejection(input.name(), 0, null, null, "document",
                    "read failed: " + describe(e) + "; records before the failure were kept"));
        }
        sink.finish();
    }

    /**
     * Tells {@code listener} every batch of objects once it is stored (on the writing thread), e.g.
     * to record what a partner sent in the disclosure log; a list counts as its list object.
     */
    public ImportRun whenStored(Consumer<List<StixObject>> listener) {
        this.stored = listener;
        return this;
    }

    /**
     * A sink for objects that come from no file (a TAXII pull): validated, batched and stored
     * exactly like a feed's, under {@code options.source()}; call {@link Sink#finish()} at the end.
     */
    public Sink feed(String location, ImportOptions options) {
        return new Sink(location, provenance(options, location));
    }

    private Importer pick(FeedInput input, String format) throws IOException {
        if (!"auto".equals(format)) {
            return importers.byFormat(format).orElseThrow(() -> new IllegalArgumentException(
                    "unknown format '" + format + "'; known: auto, " + String.join(", ", importers.formats())));
        }
        return importers.detect(input.fileName(), Feeds.head(input, 64 * 1024)).orElse(null);
    }

    private static Provenance provenance(ImportOptions options, String location) {
        return new Provenance(options.source(), location, options.importedAt(), options.tlp());
    }

    public static String describe(Throwable e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    /** Batches objects, keeps a list's entries together with their list object. */
    public final class Sink implements ImportSink {
        private final String file;
        private final Provenance provenance;
        private final List<StixObject> batch = new ArrayList<>(BATCH);
        private StixObject list;
        private final List<IocEntry> entries = new ArrayList<>();

        Sink(String file, Provenance provenance) {
            this.file = file;
            this.provenance = provenance;
        }

        @Override
        public void object(StixObject object) {
            ValidationReport checked = validator.validate(object);
            for (Finding f : checked.findings()) {
                Rejection r = new Rejection(file, 0, object.id(), f.property(), object.type(), f.message()
                        + (f.value() == null ? "" : " (value " + f.value() + ")"));
                if (f.isError()) {
                    reject(r);
                } else {
                    warn(r);
                }
            }
            if (!checked.isValid()) {
                return;
            }
            synchronized (report) {
                report.count(object.type(), Count.ACCEPTED, 1);
            }
            if (object.type().equals(LIST_TYPE)) {
                flushList();
                list = object;
                return;
            }
            batch.add(object);
            if (batch.size() >= BATCH) {
                flush();
            }
        }

        @Override
        public void entry(IocEntry entry) {
            entries.add(entry);
        }

        @Override
        public void reject(Rejection rejection) {
            synchronized (report) {
                report.reject(rejection);
            }
        }

        @Override
        public void warn(Rejection warning) {
            synchronized (report) {
                report.warn(warning);
            }
        }

        public void finish() {
            flush();
            flushList();
            writer.drain();
        }

        private void flush() {
            if (batch.isEmpty()) {
                return;
            }
            List<StixObject> objects = List.copyOf(batch);
            batch.clear();
            writer.submit(() -> {
                record(store.put(objects, provenance));
                stored.accept(objects);
            });
        }

        /** A list whose content is unchanged since its current version is not stored again. */
        private void flushList() {
            if (list == null) {
                return;
            }
            StixObject theList = list;
            List<IocEntry> theEntries = List.copyOf(entries);
            list = null;
            entries.clear();
            writer.submit(() -> {
                Optional<String> hash = theList.text("x_threatledger_content_sha256");
                Optional<StoredObject> current = store.get(theList.id());
                if (hash.isPresent() && current.isPresent()
                        && hash.equals(current.get().object().text("x_threatledger_content_sha256"))) {
                    synchronized (report) {
                        report.count(LIST_TYPE, Count.UNCHANGED, 1);
                        report.countEntries(theEntries.size(), 0);
                    }
                } else {
                    PutResult r = store.putList(theList, theEntries, provenance);
                    record(r);
                    synchronized (report) {
                        report.countEntries(theEntries.size(), r.entries());
                    }
                }
                stored.accept(List.of(theList));
            });
        }

        private void record(PutResult r) {
          synchronized (report) {
            for (String type : r.types()) {
                report.count(type, Count.ADDED, r.count(type, PutResult.Outcome.ADDED));
                report.count(type, Count.UPDATED, r.count(type, PutResult.Outcome.UPDATED));
                report.count(type, Count.UNCHANGED, r.count(type, PutResult.Outcome.UNCHANGED));
                report.count(type, Count.OLDER, r.count(type, PutResult.Outcome.OLDER));
            }
          }
        }

        @Override
        public String toString() {
            return file;
        }
    }

    /** Told when each feed of {@link #run(List, String, ImportOptions, Path, Progress)} starts and ends (a terminal shows a bar). */
    public interface Progress {
        /** Tells nothing. */
        Progress NONE = new Progress() {
            @Override
            public void start(String fileName, long rawSize, LongSupplier rawRead) {
            }

            @Override
            public void done() {
            }
        };

        /** A feed of {@code rawSize} bytes starts; {@code rawRead} says how many of them were read so far. */
        void start(String fileName, long rawSize, LongSupplier rawRead);

        /** The feed started last is done. */
        void done();
    }
}
