package org.threatledger.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.threatledger.stix.Tlp;
import org.threatledger.store.KnowledgeStore;
import org.threatledger.store.Stores;
import org.threatledger.taxii.DisclosureLog;
import org.threatledger.taxii.SharingConfig;

/** With a keystore in the configuration the server serves TAXII over HTTPS. */
class TlsTest {
    @TempDir
    Path home;

    @Test
    void keystoreConfigured_servesHttps() throws Exception {
        Path keystore = home.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "tl", "-keyalg", "RSA", "-keysize", "2048", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", "changeit", "-dname", "CN=localhost",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2").redirectErrorStream(true).start();
        keytool.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        assertThat(keytool.waitFor()).isZero();
        SharingConfig c = SharingConfig.initial().withPartner(Fixture.partner("acme", Tlp.GREEN, List.of(), List.of()));
        SharingConfig tls = new SharingConfig(c.title(), c.description(), c.contact(), c.apiRoots(), c.collections(),
                c.partners(), c.defaultTlp(), c.maxContentLength(), keystore.toString(), "changeit", 10, 60, c.cursorSecret());

        try (KnowledgeStore store = Stores.embedded(home);
             TaxiiServer server = TaxiiServer.start("127.0.0.1", 0, tls, store, new DisclosureLog(home.resolve("d.log")))) {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keystore)) {
                trust.load(in, "changeit".toCharArray());
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            HttpResponse<String> r = HttpClient.newBuilder().sslContext(ssl).build().send(HttpRequest.newBuilder(
                            URI.create("https://127.0.0.1:" + server.port() + "/taxii2/"))
                    .header("Accept", SpecClient.TAXII)
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("acme:" + Fixture.SECRET).getBytes()))
                    .build(), HttpResponse.BodyHandlers.ofString());

            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("api_roots");
        }
    }
}
