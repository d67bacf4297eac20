package org.threatledger.ingest;

import java.io.IOException;
import java.io.InputStream;

/**
 * A document to import: its display name (path or URL, used in every message) and a way to open
 * it, already decompressed. Opening twice gives the same bytes.
 */
public record FeedInput(String name, Opener opener) {
    /** Opens the document's content. */
    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }

    public InputStream open() throws IOException {
        return opener.open();
    }

    /** The last path segment of the name: {@code apt_menupass.txt}. */
    public String fileName() {
        String n = name;
        int q = n.indexOf('?');
        if (q >= 0) {
            n = n.substring(0, q);
        }
        int slash = Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\'));
        return slash >= 0 ? n.substring(slash + 1) : n;
    }
}
