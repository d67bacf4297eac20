package org.threatledger.ingest.lists;

import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The first pass over a list: what the list object needs before any entry is passed on (the sink
 * takes the list first), read in one streaming pass: the content's SHA-256, the maltrail
 * {@code # Aliases:} and every {@code # Reference:} header (maltrail puts them anywhere in the
 * file), whether it is a maltrail trail file, and the {@link Layout} of its data lines.
 */
record ListScan(String contentSha256, List<String> aliases, List<String> references, boolean maltrail, Layout layout) {

    static ListScan of(InputStream raw) throws IOException {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
        LineReader lines = new LineReader(new DigestInputStream(raw, sha256));
        Set<String> aliases = new LinkedHashSet<>();
        Set<String> references = new LinkedHashSet<>();
        boolean maltrail = false;
        Layout layout = null;
        for (LineReader.Line line = lines.next(); line != null; line = lines.next()) {
            String text = line.text() == null ? "" : line.text().strip();
            if (text.startsWith("#")) {
                String body = text.substring(1).strip();
                maltrail |= body.toLowerCase(Locale.ROOT).contains("maltrail developers");
                String aliasList = headerValue(body, "aliases:");
                if (aliasList != null) {
                    for (String a : aliasList.split(",")) {
                        if (!a.isBlank()) {
                            aliases.add(a.strip());
                        }
                    }
                }
                String reference = headerValue(body, "reference:");
                if (reference != null && !reference.isEmpty()) {
                    references.add(reference);
                }
            } else if (layout == null && !text.isEmpty()) {
                layout = Layout.of(text);
            }
        }
        return new ListScan(HexFormat.of().formatHex(sha256.digest()), new ArrayList<>(aliases),
                new ArrayList<>(references), maltrail, layout == null ? Layout.PLAIN : layout);
    }

    /** The text after a {@code Name:} header word (case-insensitive), or null. */
    static String headerValue(String commentBody, String name) {
        return commentBody.regionMatches(true, 0, name, 0, name.length())
                ? commentBody.substring(name.length()).strip() : null;
    }
}
