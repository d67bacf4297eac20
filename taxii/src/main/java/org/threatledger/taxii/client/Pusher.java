package org.threatledger.taxii.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.threatledger.stix.StixException;
import org.threatledger.stix.StixJson;
import org.threatledger.stix.StixObject;

/**
 * One push (TAXII 2.1 "Add Objects"): objects go out in envelopes no larger than the API root's
 * {@code max_content_length}; each POST is answered with a status resource, polled at
 * {@code <api root>/status/<id>/} with backoff until it is complete or the polls run out.
 * An object too large for any envelope is a failure, reported without being sent.
 */
final class Pusher {
    private static final byte[] HEAD = "{\"objects\":[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TAIL = "]}".getBytes(StandardCharsets.US_ASCII);

    private final Transport transport;
    private final URI apiRoot;
    private final URI objects;
    private final long maxContentLength;
    private final List<PushResult.Outcome> successes = new ArrayList<>();
    private final List<PushResult.Outcome> failures = new ArrayList<>();
    private final List<PushResult.Outcome> pending = new ArrayList<>();
    private int requests;

    Pusher(Transport transport, URI apiRoot, URI objects, long maxContentLength) {
        this.transport = transport;
        this.apiRoot = apiRoot;
        this.objects = objects;
        this.maxContentLength = maxContentLength;
    }

    PushResult push(List<StixObject> all) {
        List<StixObject> chunk = new ArrayList<>();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(HEAD);
        for (StixObject o : all) {
            byte[] json = bytes(o);
            if (HEAD.length + json.length + TAIL.length > maxContentLength) {
                failures.add(new PushResult.Outcome(o.id(), o.version(), json.length
                        + " bytes, more than the server's max_content_length of " + maxContentLength + "; not sent"));
                continue;
            }
            if (body.size() + 1 + json.length + TAIL.length > maxContentLength) {
                send(body, chunk);
                chunk.clear();
                body.reset();
                body.writeBytes(HEAD);
            }
            if (!chunk.isEmpty()) {
                body.write(',');
            }
            body.writeBytes(json);
            chunk.add(o);
        }
        if (!chunk.isEmpty()) {
            send(body, chunk);
        }
        return new PushResult(all.size(), requests, successes, failures, pending);
    }

    private static byte[] bytes(StixObject o) {
        try {
            return StixJson.mapper().writeValueAsBytes(o.json());
        } catch (JsonProcessingException e) {
            throw new StixException(o.id() + ": cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    private void send(ByteArrayOutputStream body, List<StixObject> chunk) {
        body.writeBytes(TAIL);
        requests++;
        JsonNode status;
        try (Transport.Response r = transport.post(objects, body.toByteArray())) {
            status = Transport.readJson(r);
        }
        String id = status.path("id").asText("");
        for (int poll = 0; !"complete".equals(status.path("status").asText()) && poll < transport.options().statusPolls(); poll++) {
            if (id.isEmpty()) {
                throw new TaxiiException(objects.toString(), "the server answered a POST with a status resource without an id");
            }
            URI statusUri = apiRoot.resolve("status/" + java.net.URLEncoder.encode(id, StandardCharsets.UTF_8) + "/");
            transport.pause(statusUri, transport.backoff(poll + 1));
            status = transport.getJson(statusUri);
        }
        record(status, chunk);
    }

    /** Files each object of the chunk under what the status resource says about it. */
    private void record(JsonNode status, List<StixObject> chunk) {
        Set<String> named = new HashSet<>();
        named.addAll(outcomes(status.path("successes"), successes));
        named.addAll(outcomes(status.path("failures"), failures));
        named.addAll(outcomes(status.path("pendings"), pending));
        boolean complete = "complete".equals(status.path("status").asText());
        for (StixObject o : chunk) {
            if (named.contains(o.id())) {
                continue;
            }
            if (complete && status.path("failure_count").asLong(0) == status.path("failures").size()) {
                successes.add(new PushResult.Outcome(o.id(), o.version(), null));
            } else {
                (complete ? failures : pending).add(new PushResult.Outcome(o.id(), o.version(),
                        complete ? "not named in the server's status" : "still pending when polling stopped"));
            }
        }
    }

    private static Set<String> outcomes(JsonNode list, List<PushResult.Outcome> into) {
        Set<String> keys = new HashSet<>();
        for (JsonNode d : list) {
            String id = d.path("id").asText(null);
            if (id == null) {
                continue;
            }
            String version = d.hasNonNull("version") ? d.get("version").asText() : null;
            into.add(new PushResult.Outcome(id, version, d.hasNonNull("message") ? d.get("message").asText() : null));
            keys.add(id);
        }
        return keys;
    }
}
