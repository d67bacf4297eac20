package org.threatledger.stix;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hostile and broken documents: the reader keeps what it can, names what it cannot, and never throws. */
class BundleReaderBadInputTest {
    private static final String IDENTITY = """
            {"type":"identity","spec_version":"2.1","id":"identity--%s","created":"2016-08-08T15:50:10.983Z",
             "modified":"2016-08-08T15:50:10.983Z","name":"%s"}""";

    private static String identity(String uuid, String name) {
        return IDENTITY.formatted(uuid, name);
    }

    @Test
    void truncatedBundle_objectsBeforeTheCutAreDelivered_problemNamesSourceAndLine() throws IOException {
        Path apt1 = TestData.root().resolve("stix21-schemas/examples/threat-reports/apt1.json");
        byte[] whole = Files.readAllBytes(apt1);
        List<StixObject> all = TestData.read(apt1).objects();
        TestData.Read cut = TestData.read(new ByteArrayInputStream(whole, 0, whole.length / 2), "apt1-cut.json");
        assertThat(cut.objects()).isNotEmpty().hasSizeLessThan(all.size());
        assertThat(cut.objects()).isEqualTo(all.subList(0, cut.objects().size()));
        assertThat(cut.problems()).singleElement().satisfies(p -> {
            assertThat(p.source()).isEqualTo("apt1-cut.json");
            assertThat(p.line()).isGreaterThan(1);
            assertThat(p.message()).contains("end-of-input").endsWith("the rest of the document is skipped");
        });
    }

    @Test
    void wrongPropertyTypes_objectIsRejectedWithItsId_othersAreDelivered() {
        String bad = """
                {"type":"identity","spec_version":"2.1","id":"identity--00000000-0000-4000-8000-000000000002",
                 "created":20160808,"modified":"2016-08-08T15:50:10.983Z","name":"Broken"}""";
        String badList = """
                {"type":"malware","spec_version":"2.1","id":"malware--00000000-0000-4000-8000-000000000004",
                 "created":"2016-08-08T15:50:10.983Z","modified":"2016-08-08T15:50:10.983Z","name":"M",
                 "is_family":true,"aliases":"M2"}""";
        TestData.Read read = TestData.read("{\"type\":\"bundle\",\"id\":\"bundle--00000000-0000-4000-8000-000000000000\",\"objects\":["
                + identity("00000000-0000-4000-8000-000000000001", "First") + "," + bad + ","
                + identity("00000000-0000-4000-8000-000000000003", "Third") + "," + badList + "]}");
        assertThat(read.objects()).extracting(o -> o.name().orElseThrow()).containsExactly("First", "Third");
        assertThat(read.problems()).extracting(ReadProblem::objectId, ReadProblem::property).containsExactly(
                org.assertj.core.groups.Tuple.tuple("identity--00000000-0000-4000-8000-000000000002", "created"),
                org.assertj.core.groups.Tuple.tuple("malware--00000000-0000-4000-8000-000000000004", "aliases"));
        assertThat(read.problems().get(0).message()).isEqualTo("expected a string, found a number 20160808; object skipped");
        assertThat(read.problems().get(0).line()).isEqualTo(2);
    }

    @Test
    void objectWithoutId_isRejected_othersDelivered() {
        TestData.Read read = TestData.read("[{\"type\":\"identity\",\"name\":\"x\"}," + identity("00000000-0000-4000-8000-000000000001", "Kept") + ", 7]");
        assertThat(read.objects()).hasSize(1);
        assertThat(read.problems()).extracting(ReadProblem::message)
                .containsExactly("identity object property 'id': required string is missing",
                        "expected an object in 'objects', found number");
    }

    @Test
    void nesting10000Deep_isRefusedWithAClearMessage_notAStackOverflow() {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        TestData.Read read = TestData.read("{\"type\":\"bundle\",\"objects\":[" + identity("00000000-0000-4000-8000-000000000001", "Before")
                + ",{\"type\":\"x-deep\",\"id\":\"x-deep--00000000-0000-4000-8000-000000000002\",\"x_deep\":" + deep + "}]}");
        assertThat(read.objects()).extracting(StixObject::type).containsExactly("identity");
        assertThat(read.problems()).singleElement().satisfies(p ->
                assertThat(p.message()).startsWith("refused: the document nests deeper than 200 levels"));
    }

    @Test
    void hundredMegabyteString_isRefusedByThe16MbLimit() {
        String head = "{\"type\":\"bundle\",\"objects\":[" + identity("00000000-0000-4000-8000-000000000001", "Before")
                + ",{\"type\":\"identity\",\"id\":\"identity--00000000-0000-4000-8000-000000000002\",\"description\":\"";
        InputStream huge = new SequenceInputStream(
                new ByteArrayInputStream(head.getBytes(StandardCharsets.UTF_8)),
                new RepeatedByteStream((byte) 'a', 100L * 1024 * 1024));
        TestData.Read read = TestData.read(huge, "huge.json");
        assertThat(read.objects()).hasSize(1);
        assertThat(read.problems()).singleElement().satisfies(p -> {
            assertThat(p.source()).isEqualTo("huge.json");
            assertThat(p.message()).startsWith("refused: a string is longer than the 16 MB limit");
        });
    }

    @Test
    void invalidUtf8_isAClearError() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(("[" + identity("00000000-0000-4000-8000-000000000001", "Good") + ",\n{\"type\":\"identity\",\"name\":\"")
                .getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF});
        bytes.writeBytes("\"}]".getBytes(StandardCharsets.UTF_8));
        TestData.Read read = TestData.read(new ByteArrayInputStream(bytes.toByteArray()), "latin.json");
        assertThat(read.objects()).hasSize(1);
        assertThat(read.problems()).singleElement().satisfies(p -> {
            assertThat(p.message()).contains("Invalid UTF-8");
            assertThat(p.line()).isEqualTo(3);
        });
    }

    @Test
    void emptyFile_isOneProblem() {
        TestData.Read read = TestData.read(new ByteArrayInputStream(new byte[0]), "empty.json");
        assertThat(read.objects()).isEmpty();
        assertThat(read.problems()).extracting(ReadProblem::toString).containsExactly("empty.json: empty document");
    }

    @Test
    void topLevelNumber_isNotAStixDocument() {
        TestData.Read read = TestData.read("42");
        assertThat(read.objects()).isEmpty();
        assertThat(read.problems()).extracting(ReadProblem::message)
                .containsExactly("expected a STIX bundle, object or array of objects, found a number '42'");
    }

    @Test
    void duplicateKeys_areMalformed() {
        TestData.Read read = TestData.read("{\"type\":\"identity\",\"type\":\"malware\"}");
        assertThat(read.problems()).singleElement().satisfies(p -> assertThat(p.message()).contains("Duplicate field 'type'"));
    }

    /** {@code length} copies of one byte, produced as they are read (nothing is held in memory). */
    private static final class RepeatedByteStream extends InputStream {
        private final byte value;
        private long left;

        RepeatedByteStream(byte value, long length) {
            this.value = value;
            this.left = length;
        }

        @Override
        public int read() {
            if (left == 0) {
                return -1;
            }
            left--;
            return value & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left == 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            java.util.Arrays.fill(b, off, off + n, value);
            left -= n;
            return n;
        }
    }
}
