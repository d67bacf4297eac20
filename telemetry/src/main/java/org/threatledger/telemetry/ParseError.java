package org.threatledger.telemetry;

/** Why a line or a typed field could not be read; counted per file, never fatal. */
public enum ParseError {
    /** the last line of the input ended without a newline and did not parse */
    TRUNCATED_LINE,
    /** a delimited line with more or fewer fields than its header */
    WRONG_FIELD_COUNT,
    /** control bytes (NUL and the like) where the format allows none */
    BINARY_GARBAGE,
    /** a line longer than the 1 MB limit; skipped without being held in memory */
    OVERLONG_LINE,
    /** a field typed as an address holds no valid IPv4/IPv6 address */
    BAD_ADDRESS,
    /** a field typed as a port or count holds no valid number */
    BAD_NUMBER,
    /** the record's time is missing or unreadable */
    BAD_TIME,
    /** a JSON line that is not one JSON object */
    BAD_JSON,
    /** a Zeek TSV data line before any {@code #fields} header */
    NO_HEADER,
    /** no adapter recognises the input (and no {@code --format} names one) */
    UNKNOWN_FORMAT,
    /** the input could not be read (the message of the I/O error is lost on purpose: counts only) */
    IO_ERROR
}
