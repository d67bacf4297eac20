package org.threatledger.taxii;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * One TAXII request as the HTTP layer hands it over, framework-free.
 *
 * @param pathParams {@code root}, {@code collection}, {@code object}, {@code status} as present
 * @param query      query parameters, each with its values in order
 * @param accept     the Accept header, or null
 * @param contentType the Content-Type header, or null
 * @param body       the request body (POST), already bounded by the maximum content length
 * @param partner    the authenticated partner
 * @param requestId  an id for this request, written to the disclosure log
 */
public record TaxiiRequest(Map<String, String> pathParams, Map<String, List<String>> query, String accept,
                           String contentType, InputStream body, Partner partner, String requestId) {

    public TaxiiRequest {
        pathParams = Map.copyOf(pathParams);
        query = Map.copyOf(query);
    }

    String path(String name) {
        String v = pathParams.get(name);
        if (v == null) {
            throw TaxiiException.badRequest("missing path parameter " + name);
        }
        return v;
    }

    /** The single value of a query parameter, or null; a repeated parameter is a bad request. */
    String param(String name) {
        List<String> values = query.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw TaxiiException.badRequest("query parameter " + name + " given more than once");
        }
        return values.getFirst();
    }
}
