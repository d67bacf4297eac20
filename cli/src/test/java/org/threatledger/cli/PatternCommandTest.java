package org.threatledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.threatledger.stix.StixJson;

/** {@code pattern validate} and {@code pattern match} against the real zed-sample-data ssl.log. */
class PatternCommandTest {
    static final Path SSL = Path.of(System.getProperty("shared.data"), "zeek-logs/zed-sample-data/zeek-default/ssl.log.gz");

    static int run(StringWriter out, String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
    }

    @Test
    void validate_printsOneVerdictPerPattern_andExit3OnAnyInvalid() {
        StringWriter out = new StringWriter();
        int code = run(out, "pattern", "validate", "[domain-name:value = 'a.example']", "[domain-name:value = 'a' and x:y = 1]");
        assertThat(code).isEqualTo(3);
        assertThat(out.toString()).startsWith("valid").contains("invalid: expected ']' at column 26");
        assertThat(run(new StringWriter(), "pattern", "validate", "[file:hashes.MD5 = '0123456789abcdef0123456789abcdef']")).isZero();
    }

    @Test
    void match_apt10TrailAddress_11SessionsOn443_noneOn8443() {
        // data README: 11 ssl sessions to 204.79.197.200, all on port 443; the APT10 trail says :8443
        StringWriter on443 = new StringWriter();
        run(on443, "--json", "pattern", "match", "[network-traffic:dst_ref.value = '204.79.197.200' AND network-traffic:dst_port = 443]",
                "--observations", SSL.toString());
        JsonNode j = StixJson.readTree(on443.toString());
        assertThat(j.path("matches").size()).isEqualTo(11);
        assertThat(j.path("records").asLong()).isEqualTo(49_474);
        StringWriter on8443 = new StringWriter();
        run(on8443, "--json", "pattern", "match", "[network-traffic:dst_ref.value = '204.79.197.200' AND network-traffic:dst_port = 8443]",
                "--observations", SSL.toString());
        assertThat(StixJson.readTree(on8443.toString()).path("matches").size()).isZero();
    }
}
