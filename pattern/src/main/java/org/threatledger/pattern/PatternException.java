package org.threatledger.pattern;

/**
 * A pattern that is not valid STIX 2.1 patterning, with the 1-based column (character offset into
 * the pattern text) where the problem starts: {@code expected ']' at column 37, found 'and'}.
 */
public final class PatternException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Quoted input can be megabytes long; the message stays readable in a log line. */
    private static final int MAX_PART = 200;

    private final String reason;
    private final int column;

    /** A problem {@code reason} at {@code column}, with an optional {@code detail} after it. */
    public PatternException(String reason, int column, String detail) {
        super(bounded(reason) + " at column " + column + (detail.isEmpty() ? "" : ", " + bounded(detail)));
        this.reason = bounded(reason);
        this.column = column;
    }

    private static String bounded(String text) {
        return text.length() <= MAX_PART ? text : text.substring(0, MAX_PART) + "...";
    }

    /** What is wrong, without the position. */
    public String reason() {
        return reason;
    }

    /** The 1-based column where the problem starts. */
    public int column() {
        return column;
    }
}
