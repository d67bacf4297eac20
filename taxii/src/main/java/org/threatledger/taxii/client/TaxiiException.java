package org.threatledger.taxii.client;

/**
 * Why a TAXII exchange stopped, naming the URL and what was wrong ("GET https://…/objects/: HTTP 503
 * after 5 tries"). The client's one error type; it never carries a credential.
 */
public final class TaxiiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String url;
    private final int status;

    /** A failure of the exchange with {@code url}. */
    public TaxiiException(String url, String message) {
        this(url, message, 0);
    }

    /** A failure of the exchange with {@code url} that the server answered with HTTP {@code status}. */
    TaxiiException(String url, String message, int status) {
        super(url + ": " + message);
        this.url = url;
        this.status = status;
    }

    /** A failure of the exchange with {@code url}, caused by {@code cause}. */
    public TaxiiException(String url, String message, Throwable cause) {
        super(url + ": " + message, cause);
        this.url = url;
        this.status = 0;
    }

    /** The URL of the request that failed. */
    public String url() {
        return url;
    }

    /** The HTTP status that refused the request (a 4xx other than 429), 0 when the failure was not a refusal. */
    public int refusedWith() {
        return status;
    }
}
