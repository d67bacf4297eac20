package org.threatledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.threatledger.server.TaxiiServer;
import org.threatledger.store.KnowledgeStore;
import org.threatledger.store.Stores;
import org.threatledger.taxii.DisclosureLog;
import org.threatledger.taxii.SharingConfig;

/** partner, collection and audit commands end to end: the printed secret works against a real server. */
class SharingCommandsTest {
    @TempDir
    Path home;

    record Result(int code, String out, String err) {
    }

    Result run(String... args) {
        CliRun r = CliRun.in(home, args);
        return new Result(r.code(), r.out(), r.err());
    }

    @Test
    void partnerAdd_printsSecretOnce_whichAuthenticates_andAuditRecordsWhatWasServed() throws Exception {
        assertThat(run("collection", "add", "ind", "--title", "Indicators", "--query", "type = indicator AND tlp <= green").code()).isZero();
        Result added = run("partner", "add", "acme", "--max-tlp", "green", "--read", "ind");
        assertThat(added.code()).as(added.err()).isZero();
        String secret = added.out().lines().filter(l -> l.startsWith("secret: ")).findFirst().orElseThrow().substring(8);
        assertThat(Files.readString(home.resolve("sharing.json"))).doesNotContain(secret).contains("$argon2id$");

        int status;
        try (KnowledgeStore store = Stores.embedded(home);
             TaxiiServer server = TaxiiServer.start("127.0.0.1", 0, SharingConfig.load(home.resolve("sharing.json")), store,
                     new DisclosureLog(home.resolve("disclosures.log")))) {
            status = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                            + "/taxii2/intel/collections/ind/objects/")).header("Authorization", "Bearer acme." + secret)
                    .header("Accept", "application/taxii+json;version=2.1").build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode();
        }
        assertThat(status).isEqualTo(200);
        assertThat(run("partner", "list").out()).contains("acme", "TLP:GREEN", "[ind]");
        assertThat(run("audit", "verify").code()).isZero();
        assertThat(run("audit", "report", "--partner", "acme").out()).contains("acme: 0 object versions sent");
        assertThat(run("partner", "add", "acme").code()).isEqualTo(Main.USAGE);
        assertThat(run("partner", "revoke", "acme").code()).isZero();
        assertThat(run("partner", "list").out()).contains("REVOKED");
    }

    @Test
    void badInput_isAUsageError_namingIt() {
        assertThat(run("partner", "add", "x", "--read", "nope").err()).contains("no collection nope");
        assertThat(run("partner", "add", "x", "--max-tlp", "red").err()).contains("RED never leaves");
        assertThat(run("collection", "add", "c", "--title", "T", "--query", "colour = blue").err()).contains("colour = blue");
        assertThat(run("collection", "add", "c", "--title", "T").code()).isEqualTo(Main.USAGE);
    }

    @Test
    void auditVerify_editedLog_fails() throws Exception {
        DisclosureLog log = new DisclosureLog(home.resolve("disclosures.log"));
        log.append(List.of(new org.threatledger.taxii.Disclosure(0, null, "acme",
                org.threatledger.taxii.Disclosure.Direction.SENT, "indicator--x", "v", "r")), java.time.Instant.now());
        assertThat(run("audit", "report", "--partner", "acme").out()).contains("indicator--x", "1 object versions sent");
        Path file = home.resolve("disclosures.log");
        Files.writeString(file, Files.readString(file).replace("indicator--x", "indicator--y"));

        Result r = run("audit", "verify");

        assertThat(r.code()).isEqualTo(Main.FAILURE);
        assertThat(r.err()).contains("edited");
    }
}
