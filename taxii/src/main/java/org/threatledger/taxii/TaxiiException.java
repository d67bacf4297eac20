package org.threatledger.taxii;

/**
 * The one error type of the TAXII boundary: what the client did wrong (or what we refuse), in
 * words fit for the client. {@link TaxiiService} maps it once to the TAXII error resource
 * (TAXII 2.1 §3.6.1); the description never carries internal text such as an exception message
 * from the store.
 */
public final class TaxiiException extends RuntimeException {
    private final int httpStatus;
    private final String title;
    private final String errorCode;

    public TaxiiException(int httpStatus, String errorCode, String title, String description) {
        super(description, null, false, false);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
        this.title = title;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String title() {
        return title;
    }

    public String errorCode() {
        return errorCode;
    }

    public String description() {
        return getMessage();
    }

    static TaxiiException badRequest(String description) {
        return new TaxiiException(400, "bad-request", "Bad request", description);
    }

    static TaxiiException forbidden(String description) {
        return new TaxiiException(403, "forbidden", "Forbidden", description);
    }

    static TaxiiException notFound(String description) {
        return new TaxiiException(404, "not-found", "Not found", description);
    }

    /** A request the server cannot take, named by the HTTP status (401, 406, 413, 415, 429). */
    public static TaxiiException of(int status, String description) {
        return switch (status) {
            case 401 -> new TaxiiException(401, "unauthorized", "Unauthorized", description);
            case 406 -> new TaxiiException(406, "not-acceptable", "Not acceptable", description);
            case 413 -> new TaxiiException(413, "too-large", "Request entity too large", description);
            case 415 -> new TaxiiException(415, "unsupported-media-type", "Unsupported media type", description);
            case 429 -> new TaxiiException(429, "too-many-requests", "Too many requests", description);
            case 404 -> notFound(description);
            case 405 -> new TaxiiException(405, "method-not-allowed", "Method not allowed", description);
            default -> badRequest(description);
        };
    }

    /** The answer to a failure we did not foresee: a 500 that says nothing about its cause. */
    public static TaxiiException internal() {
        return new TaxiiException(500, "internal-error", "Internal error",
                "The server could not complete the request; the operator can find it in the server log.");
    }
}
