package org.threatledger.server;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.threatledger.taxii.TaxiiException;
import org.threatledger.taxii.TaxiiResponse;

/**
 * Errors Jetty answers before a request reaches Javalin (a path that does not decode, a header
 * too large, a method Jetty refuses) as the TAXII error resource, instead of Jetty's HTML page
 * that names the server and echoes the message.
 */
final class TaxiiErrorHandler extends ErrorHandler {
    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        TaxiiResponse r = TaxiiResponse.error(code == 500 ? TaxiiException.internal()
                : TaxiiException.of(code, code == 400 ? "the request could not be read" : "the request cannot be served"));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, r.mediaType());
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(r.body()), callback);
    }
}
