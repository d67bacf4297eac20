package org.threatledger.server.api;

/** A request the API refuses, in words fit for the caller; {@link RestApi} maps it to the one error shape. */
final class ApiException extends RuntimeException {
    private final int status;
    private final String title;

    ApiException(int status, String title, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
    }

    static ApiException badRequest(String detail) {
        return new ApiException(400, "Bad request", detail);
    }

    static ApiException notFound(String detail) {
        return new ApiException(404, "Not found", detail);
    }

    int status() {
        return status;
    }

    String title() {
        return title;
    }

    String detail() {
        return getMessage();
    }
}
