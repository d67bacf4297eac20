package org.threatledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.threatledger.stix.StixJson;

/**
 * Issue "bad input": one import of a folder full of broken feeds next to good ones. Every broken
 * file is named in the report with what is wrong; everything good is imported; the exit code is 3.
 */
class BadInputTest {
    @TempDir
    Path home;

    private static final String GOOD_OBJECT = """
            {"type":"identity","spec_version":"2.1","id":"identity--%s","created":"2020-01-01T00:00:00.000Z",\
            "modified":"2020-01-01T00:00:00.000Z","name":"%s","identity_class":"organization"}""";

    private static String identity(String uuidTail, String name) {
        return GOOD_OBJECT.formatted("0b5e1f2a-1111-4222-8333-" + uuidTail, name);
    }

    private static String bundle(String... objects) {
        return "{\"type\":\"bundle\",\"id\":\"bundle--0b5e1f2a-1111-4222-8333-000000000000\",\"objects\":[\n"
                + String.join(",\n", objects) + "\n]}";
    }

    JsonNode importJson(Path dir) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"--home", home.resolve("db").toString(), "--json", "import", dir.toString()},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(code).as(err.toString()).isEqualTo(3);
        return StixJson.readTree(out.toString());
    }

    @Test
    void brokenFeeds_areNamedPrecisely_andTheRestIsImported() throws IOException {
        Path in = Files.createDirectories(home.resolve("in"));
        Files.writeString(in.resolve("a-good.json"), bundle(identity("000000000001", "Good one")));
        String twoObjects = bundle(identity("000000000002", "Before the cut"), identity("000000000010", "After the cut"));
        Files.writeString(in.resolve("b-truncated.json"), twoObjects.substring(0, twoObjects.length() - 100));
        Files.writeString(in.resolve("c-wrong-types.json"), bundle(
                identity("000000000003", "Fine"),
                "{\"type\":\"identity\",\"spec_version\":\"2.1\",\"id\":\"identity--0b5e1f2a-1111-4222-8333-000000000004\","
                        + "\"created\":20200101,\"modified\":\"2020-01-01T00:00:00.000Z\",\"name\":\"Bad created\",\"identity_class\":\"organization\"}"));
        Files.writeString(in.resolve("d-bad-id-and-time.json"), bundle(
                "{\"type\":\"identity\",\"spec_version\":\"2.1\",\"id\":\"identity--not-a-uuid\",\"created\":\"2020-01-01T00:00:00.000Z\","
                        + "\"modified\":\"2020-01-01T00:00:00.000Z\",\"name\":\"Bad id\",\"identity_class\":\"organization\"}",
                "{\"type\":\"identity\",\"spec_version\":\"2.1\",\"id\":\"identity--0b5e1f2a-1111-4222-8333-000000000005\","
                        + "\"created\":\"2020-13-45T00:00:00Z\",\"modified\":\"2020-01-01T00:00:00.000Z\",\"name\":\"Bad time\",\"identity_class\":\"organization\"}",
                identity("000000000006", "Survivor")));
        Files.writeString(in.resolve("e-deep.json"), "[".repeat(10_000) + "]".repeat(10_000));
        try (OutputStream os = Files.newOutputStream(in.resolve("f-huge-string.json"))) {
            os.write("{\"type\":\"identity\",\"id\":\"identity--0b5e1f2a-1111-4222-8333-000000000007\",\"description\":\"".getBytes(StandardCharsets.UTF_8));
            byte[] chunk = "x".repeat(1 << 20).getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 100; i++) {
                os.write(chunk);
            }
            os.write("\"}".getBytes(StandardCharsets.UTF_8));
        }
        byte[] utf8 = bundle(identity("000000000008", "NAME")).getBytes(StandardCharsets.UTF_8);
        int at = new String(utf8, StandardCharsets.UTF_8).indexOf("NAME");
        utf8[at] = (byte) 0xC3;
        utf8[at + 1] = (byte) 0x28;
        Files.write(in.resolve("g-invalid-utf8.json"), utf8);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(gz)) {
            g.write(bundle(identity("000000000009", "In a broken gzip")).getBytes(StandardCharsets.UTF_8));
        }
        byte[] whole = gz.toByteArray();
        Files.write(in.resolve("h-truncated.json.gz"), java.util.Arrays.copyOf(whole, whole.length / 2));
        Files.writeString(in.resolve("i-xxe.ioc"), """
                <?xml version="1.0"?>
                <!DOCTYPE ioc [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                <ioc xmlns="http://schemas.mandiant.com/2010/ioc" id="6d2a1b04-08ca-4237-9c43-5e0b2f7b0b01">
                <short_description>&xxe;</short_description></ioc>""");
        Files.write(in.resolve("j-garbage.txt"), ("good-domain.example\n\u0000\u0001\u0002binary\n"
                + "second-good.example\n").getBytes(StandardCharsets.UTF_8));

        JsonNode report = importJson(in);
        String rejected = report.path("rejected").toString();
        assertThat(rejected)
                .contains("b-truncated.json").contains("malformed JSON")
                .contains("c-wrong-types.json").contains("identity--0b5e1f2a-1111-4222-8333-000000000004").contains("created")
                .contains("d-bad-id-and-time.json").contains("identity--not-a-uuid").contains("2020-13-45")
                .contains("e-deep.json").contains("200 levels")
                .contains("f-huge-string.json").contains("16 MB")
                .contains("g-invalid-utf8.json")
                .contains("h-truncated.json.gz").contains("ZLIB")
                .contains("i-xxe.ioc").contains("DOCTYPE")
                .contains("j-garbage.txt:2");
        assertThat(rejected).doesNotContain("root:x:0:0");

        StringWriter out = new StringWriter();
        Main.run(new String[] {"--home", home.resolve("db").toString(), "--json", "stats"}, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
        JsonNode stats = StixJson.readTree(out.toString());
        // good one, before the cut, fine, survivor; the truncated gzip's one object is past the cut
        assertThat(stats.path("objects").path("by_type").path("identity").asLong()).isEqualTo(4);
        assertThat(stats.path("list_entries").path("domain").asLong()).isEqualTo(2);
    }
}
