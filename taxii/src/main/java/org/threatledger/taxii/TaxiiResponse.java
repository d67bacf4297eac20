package org.threatledger.taxii;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.threatledger.stix.StixJson;

/**
 * One TAXII response: status, extra headers ({@code X-TAXII-Date-Added-First/Last}), media type
 * and the JSON body (one page at most, so a byte array keeps memory bounded by the page limit).
 */
public record TaxiiResponse(int status, Map<String, String> headers, String mediaType, byte[] body) {

    public TaxiiResponse {
        headers = Map.copyOf(headers);
    }

    static TaxiiResponse json(int status, JsonNode body, Map<String, String> headers) {
        return new TaxiiResponse(status, new LinkedHashMap<>(headers), MediaTypes.TAXII,
                StixJson.write(body).getBytes(StandardCharsets.UTF_8));
    }

    /** A JSON body already written (a page envelope). */
    static TaxiiResponse json(int status, byte[] body, Map<String, String> headers) {
        return new TaxiiResponse(status, new LinkedHashMap<>(headers), MediaTypes.TAXII, body);
    }

    static TaxiiResponse json(JsonNode body) {
        return json(200, body, Map.of());
    }

    /** The TAXII error resource (TAXII 2.1 §3.6.1) for an error. */
    public static TaxiiResponse error(TaxiiException e) {
        ObjectNode body = StixJson.object();
        body.put("title", e.title());
        body.put("description", e.description());
        body.put("error_code", e.errorCode());
        body.put("http_status", Integer.toString(e.httpStatus()));
        return json(e.httpStatus(), body, Map.of());
    }

    /** The body as text (tests, logs). */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
