package org.threatledger.sighting;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import org.threatledger.stix.Ids;
import org.threatledger.stix.StixJson;
import org.threatledger.stix.StixObject;

/** Builds the STIX objects a sighting consists of (STIX 2.1 §4.14 identity, §4.13 observed-data, §5.2 sighting). */
final class SightingObjects {
    /** STIX 2.1 §5.2: count and number_observed stop at 999,999,999. */
    static final long MAX_COUNT = 999_999_999L;
    /** A sensor identity has no date of its own: the fixed instant 1970-01-01 makes it the same object everywhere. */
    static final String SENSOR_CREATED = "1970-01-01T00:00:00.000Z";

    private SightingObjects() {}

    /** The id of a sensor's identity. */
    static String sensorId(String sensor) {
        return Ids.derived("identity", "sensor", sensor);
    }

    /** The {@code identity} of a sensor ({@code identity_class: system}). */
    static StixObject sensor(String sensor) {
        ObjectNode o = StixJson.object();
        o.put("type", "identity");
        o.put("spec_version", "2.1");
        o.put("id", sensorId(sensor));
        o.put("created", SENSOR_CREATED);
        o.put("modified", SENSOR_CREATED);
        o.put("name", sensor);
        o.put("identity_class", "system");
        return StixObject.of(o);
    }

    /** An {@code observed-data} for one SCO, id derived from the sighting's and the SCO's. */
    static StixObject observedData(String sightingId, String scoId, long first, long last, long n, String created) {
        ObjectNode o = StixJson.object();
        o.put("type", "observed-data");
        o.put("spec_version", "2.1");
        o.put("id", Ids.derived("observed-data", sightingId, scoId));
        o.put("created", created);
        o.put("modified", max(created, Micros.format(last)));
        o.put("first_observed", Micros.format(first));
        o.put("last_observed", Micros.format(last));
        o.put("number_observed", Math.max(1, Math.min(n, MAX_COUNT)));
        o.putArray("object_refs").add(scoId);
        return StixObject.of(o);
    }

    /** The common part of a sighting; the caller adds refs and custom properties. */
    static ObjectNode sighting(String id, String indicatorId, String created, String modified, long first, long last, long count) {
        ObjectNode o = StixJson.object();
        o.put("type", "sighting");
        o.put("spec_version", "2.1");
        o.put("id", id);
        o.put("created", created);
        o.put("modified", modified);
        o.put("first_seen", Micros.format(first));
        o.put("last_seen", Micros.format(last));
        o.put("count", Math.min(count, MAX_COUNT));
        if (count > MAX_COUNT) {
            o.put("x_threatledger_count", count); // the exact figure the spec's range cannot hold
        }
        o.put("sighting_of_ref", indicatorId);
        return o;
    }

    static void putStrings(ObjectNode o, String property, Collection<String> values) {
        if (!values.isEmpty()) {
            ArrayNode a = o.putArray(property);
            values.forEach(a::add);
        }
    }

    /** The later of two STIX timestamps written in the same UTC form. */
    private static String max(String a, String b) {
        return org.threatledger.stix.Timestamps.parse(a).isAfter(org.threatledger.stix.Timestamps.parse(b)) ? a : b;
    }
}
