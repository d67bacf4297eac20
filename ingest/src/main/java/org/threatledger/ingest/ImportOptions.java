package org.threatledger.ingest;

import java.time.Instant;
import org.threatledger.stix.Tlp;

/**
 * What the analyst said about a feed on the command line.
 *
 * @param source     the source name recorded as provenance ({@code --source}); never null
 * @param tlp        the TLP to apply to objects that carry none ({@code --tlp}); null means the
 *                   store's default
 * @param actor      the actor a whole list is attributed to ({@code --actor}); null if none
 * @param subdomains whether domain entries of a list match their subdomains ({@code --subdomains})
 * @param importedAt the time of this import, used for objects the feed gives no time of its own
 */
public record ImportOptions(String source, Tlp tlp, String actor, boolean subdomains, Instant importedAt) {
    public static ImportOptions defaults(String source) {
        return new ImportOptions(source, null, null, false, Instant.now());
    }
}
