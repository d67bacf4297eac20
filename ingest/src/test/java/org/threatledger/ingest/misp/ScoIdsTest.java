package org.threatledger.ingest.misp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.threatledger.stix.StixJson;

/**
 * STIX 2.1 §2.9 SCO ids. Expected values computed independently with Python:
 * {@code uuid.uuid5(UUID('00abedb4-…'), json.dumps(props, sort_keys=True, separators=(',', ':')))}.
 */
class ScoIdsTest {
    @Test
    void ipv4Address_idFromValue() {
        ObjectNode ip = StixJson.object().put("type", "ipv4-addr").put("spec_version", "2.1").put("value", "198.51.100.3");
        assertThat(ScoIds.of(ip)).isEqualTo("ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4");
    }

    @Test
    void file_onlyTheMostPreferredHashAndName_contribute() {
        ObjectNode file = StixJson.object().put("type", "file").put("name", "3Z4wnG9603it23y.exe");
        file.putObject("hashes").put("SHA-256", "b3c4ae251f8094fa15b510051835c657eaef2a6cea46075d3aec964b14a99f68")
                .put("MD5", "0749bae92ca336a02c83d126e04ec628");
        assertThat(ScoIds.of(file)).isEqualTo("file--af9848fd-2f5d-56f2-bec9-3e3700579a3c");
    }

    @Test
    void networkTraffic_portIsANumber_keysSorted() {
        ObjectNode flow = StixJson.object().put("type", "network-traffic").put("dst_ref", "ipv4-addr--X").put("dst_port", 443);
        flow.putArray("protocols").add("ipv4");
        assertThat(ScoIds.of(flow)).isEqualTo("network-traffic--e19a2f00-9bb9-5c28-b923-316d027031ea");
    }
}
