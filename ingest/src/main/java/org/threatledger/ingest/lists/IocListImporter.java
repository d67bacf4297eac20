package org.threatledger.ingest.lists;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import org.threatledger.ingest.FeedInput;
import org.threatledger.ingest.ImportOptions;
import org.threatledger.ingest.ImportSink;
import org.threatledger.ingest.Importer;
import org.threatledger.stix.Ids;

/**
 * Atomic IOC lists: plain lists (one value per line), maltrail trail files, CSV with a header,
 * {@code HASH;COMMENT} lists (signature-base) and bare hash lists (ESET {@code samples.md5}).
 * Each file becomes one {@code x-threatledger-ioc-list} object followed by its entries.
 *
 * <p>Design: two streaming passes over the document (a {@link FeedInput} opens to the same bytes
 * each time). The first ({@link ListScan}) finds what the list object says, which the sink needs
 * before any entry; the second ({@link EntryPass}) turns lines into entries. Memory stays bounded
 * by one 64 KB line whatever the list's size.
 *
 * <p>Attribution: {@code --actor}, else for a maltrail {@code apt_*.txt} file its first
 * {@code # Aliases:} name or the name after {@code apt_}, else for an ESET {@code samples.*} file
 * its folder's name. Maltrail domain trails mean "the domain and its subdomains", whatever
 * {@code --subdomains} says.
 */
public final class IocListImporter implements Importer {

    public IocListImporter() {}

    @Override
    public String format() {
        return "csv";
    }

    @Override
    public boolean recognises(String name, byte[] head) {
        String n = name.toLowerCase(Locale.ROOT);
        for (String ext : new String[] {".txt", ".csv", ".md5", ".sha1", ".sha256"}) {
            if (n.endsWith(ext)) {
                return true;
            }
        }
        for (byte b : head) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return b != '{' && b != '<' && b != '[';
            }
        }
        return false;
    }

    @Override
    public void read(FeedInput input, ImportOptions options, ImportSink sink) throws IOException {
        ListScan scan;
        try (InputStream in = input.open()) {
            scan = ListScan.of(in);
        }
        String fileName = input.fileName();
        String listId = Ids.derived(ListObject.TYPE, options.source(), listKey(input));
        boolean subdomains = scan.maltrail() || options.subdomains();
        sink.object(ListObject.of(listId, fileName, actor(input, scan, options), subdomains, scan, options));
        try (InputStream in = input.open()) {
            new EntryPass(input.name(), listId, scan.layout(), subdomains, sink).read(in);
        }
    }

    /**
     * The list's identity within its source: the file name, or {@code folder/file} for generic
     * names such as ESET's {@code samples.md5}, which every actor folder has.
     */
    static String listKey(FeedInput input) {
        String file = input.fileName();
        String folder = folder(input);
        return isGeneric(file) && folder != null ? folder + "/" + file : file;
    }

    private static boolean isGeneric(String file) {
        return file.toLowerCase(Locale.ROOT).startsWith("samples.");
    }

    private static String folder(FeedInput input) {
        String n = input.name().replace('\\', '/');
        int q = n.indexOf('?');
        n = q >= 0 ? n.substring(0, q) : n;
        int last = n.lastIndexOf('/');
        if (last <= 0) {
            return null;
        }
        int prev = n.lastIndexOf('/', last - 1);
        return n.substring(prev + 1, last);
    }

    static String actor(FeedInput input, ListScan scan, ImportOptions options) {
        if (options.actor() != null) {
            return options.actor();
        }
        String file = input.fileName();
        if (scan.maltrail() && file.startsWith("apt_")) {
            if (!scan.aliases().isEmpty()) {
                return scan.aliases().get(0);
            }
            int dot = file.lastIndexOf('.');
            return file.substring(4, dot > 4 ? dot : file.length());
        }
        return isGeneric(file) ? folder(input) : null;
    }
}
