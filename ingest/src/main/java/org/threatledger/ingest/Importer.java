package org.threatledger.ingest;

import java.io.IOException;

/**
 * One feed format. Importers are registered explicitly in {@link Importers}; each reads a
 * document and passes on what it finds, never aborting the feed for a bad record.
 */
public interface Importer {
    /** The {@code --format} name: {@code stix}, {@code attack}, {@code misp}, ... */
    String format();

    /**
     * Whether this importer reads the document, judged from its name and first bytes
     * (already decompressed). Used by {@code --format auto}; the first importer that says yes wins.
     */
    boolean recognises(String name, byte[] head);

    /** Reads the whole document, passing objects, list entries and rejections to {@code sink}. */
    void read(FeedInput input, ImportOptions options, ImportSink sink) throws IOException;
}
