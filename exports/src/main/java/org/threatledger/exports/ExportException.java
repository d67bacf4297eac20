package org.threatledger.exports;

/** An export that cannot be made as asked; the message says why. */
public final class ExportException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong: the options contradict each other or the format, or what they name does not exist. */
    public enum Kind { USAGE, NOT_FOUND }

    private final Kind kind;

    public ExportException(String message) {
        this(Kind.USAGE, message);
    }

    public ExportException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
