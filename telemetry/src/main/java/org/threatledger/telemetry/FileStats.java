package org.threatledger.telemetry;

import java.util.Map;

/**
 * What reading one input gave.
 *
 * @param source       the file (or {@code -} for stdin)
 * @param format       the adapter that read it ({@code zeek}, {@code zeek-json}, ...)
 * @param lines        physical lines read, headers included
 * @param records      data records (header and comment lines excluded)
 * @param observations observations passed on
 * @param errors       parse errors by reason; records with a bad field still count as records
 * @param skipped      values that are not of their field's kind (a DNS query {@code *}, a host
 *                     header that is no host name), by reason: not errors, since the log is right
 */
public record FileStats(String source, String format, long lines, long records, long observations,
                        Map<ParseError, Long> errors, Map<String, Long> skipped) {
    public FileStats {
        errors = Map.copyOf(errors);
        skipped = Map.copyOf(skipped);
    }

    /** All parse errors of this input. */
    public long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }
}
