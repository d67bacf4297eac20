package org.threatledger.telemetry;

/**
 * Reads the lines of one input, keeping whatever state the format has (a Zeek TSV header, a CSV
 * header). Implementations never throw on bad input: they report it to the sink or return it.
 */
public interface LineParser {
    /**
     * Parses one line, {@code buf[from, to)} without its line end. The bytes are only valid during
     * the call (the buffer is reused). Returns null, or the error that made the whole line unusable.
     */
    ParseError parse(byte[] buf, int from, int to, long line, RecordSink sink);
}
