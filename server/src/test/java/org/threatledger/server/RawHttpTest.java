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
