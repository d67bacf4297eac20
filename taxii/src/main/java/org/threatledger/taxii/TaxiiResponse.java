package org.threatledger.taxii;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.threatledger.stix.StixJson;

/**
 * One TAXII response: status, extra headers ({@code X-TAXII-Date-Added-First/Last}), media type
 * and the JSON body, one page at most, as a list of chunks written one after the other. A page of
 * objects is its envelope's head, each object's stored JSON and the separators, never copied into
 * one array: a page is most of a megabyte, which G1 allocates as a "humongous" object (over half
 * a region, and regions are 1 MB under 4 GB of heap) and collects with a concurrent cycle; one per
 * page made the one-client walk of a million objects half again as slow (docs/benchmarks.md).
 */
public record TaxiiResponse(int status, Map<String, String> headers, String mediaType, List<byte[]> chunks) {

    public TaxiiResponse {
        headers = Map.copyOf(headers);
        chunks = List.copyOf(chunks);
    }

    static TaxiiResponse json(int status, JsonNode body, Map<String, String> headers) {
        return new TaxiiResponse(status, new LinkedHashMap<>(headers), MediaTypes.TAXII,
                List.of(StixJson.write(body).getBytes(StandardCharsets.UTF_8)));
    }

    /** A JSON body already written in chunks (a page envelope). */
    static TaxiiResponse json(int status, List<byte[]> chunks, Map<String, String> headers) {
        return new TaxiiResponse(status, new LinkedHashMap<>(headers), MediaTypes.TAXII, chunks);
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

    /** The body's length in bytes. */
    public long length() {
        long n = 0;
        for (byte[] c : chunks) {
            n += c.length;
        }
        return n;
    }

    /** The body as a stream over the chunks, nothing copied. */
    public InputStream stream() {
        return new SequenceInputStream(Collections.enumeration(chunks.stream()
                .map(c -> (InputStream) new java.io.ByteArrayInputStream(c)).toList()));
    }

    /** The body in one array (small bodies, tests). */
    public byte[] body() {
        if (chunks.size() == 1) {
            return chunks.getFirst().clone();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 8, length()));
        chunks.forEach(out::writeBytes);
        return out.toByteArray();
    }

    /** The body as text (tests, logs). */
    public String text() {
        return new String(body(), StandardCharsets.UTF_8);
    }
}
