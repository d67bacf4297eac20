package org.threatledger.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.threatledger.stix.Tlp;
import org.threatledger.taxii.CollectionDefinition;

/** Requests no well-behaved client sends, written to the socket: the answer is still a TAXII error resource. */
class RawHttpTest {
    @TempDir
    Path home;
    Fixture f;

    @BeforeEach
    void start() {
        f = new Fixture(home, List.of(new CollectionDefinition("all", "intel", "All", null, "all")),
                List.of(Fixture.partner("acme", Tlp.GREEN, List.of("all"), List.of())), 10, 1024);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void badlyEncodedPath_isATaxiiError() throws IOException {
        String answer = send("GET /taxii2/%zz/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 400");
        assertThat(answer).contains("application/taxii+json;version=2.1").doesNotContain("<html", "Jetty", "Exception");
    }

    @Test
    void unknownMethod_isATaxiiError() throws IOException {
        String answer = send("PUT /taxii2/ HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");

        assertThat(answer).contains("application/taxii+json;version=2.1").doesNotContain("<html", "Jetty", "Exception");
    }

    @Test
    void bodyOverTheLimit_sentSlowly_stillReceivesThe413() throws Exception {
        // Headers first, the body after a pause: a server that answers and closes without reading the body
        // makes this client's later writes draw a reset that destroys the answer before it is read.
        String auth = java.util.Base64.getEncoder().encodeToString(("acme:" + Fixture.SECRET).getBytes(StandardCharsets.UTF_8));
        byte[] body = ("{\"objects\":[{\"x\":\"" + "a".repeat(40_000) + "\"}]}").getBytes(StandardCharsets.US_ASCII);
        try (Socket s = new Socket("127.0.0.1", f.server.port())) {
            OutputStream out = s.getOutputStream();
            out.write(("POST /taxii2/intel/collections/all/objects/ HTTP/1.1\r\nHost: x\r\n"
                    + "Authorization: Basic " + auth + "\r\nAccept: application/taxii+json;version=2.1\r\n"
                    + "Content-Type: application/taxii+json;version=2.1\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(300);
            for (int at = 0; at < body.length; at += 4096) {
                out.write(body, at, Math.min(4096, body.length - at));
                out.flush();
                Thread.sleep(20);
            }
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(answer).startsWith("HTTP/1.1 413").contains("maximum content length");
        }
    }

    private String send(String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", f.server.port())) {
            OutputStream out = s.getOutputStream();
            out.write(request.replace("\\\\r\\\\n", "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
