package org.threatledger.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.threatledger.match.Where;

/** Bad lines are counted per file by reason; the good lines around them still count; nothing throws. */
class BadInputTest {
    private static final String HEADER = "#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n"
            + "#path\tconn\n#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\n"
            + "#types\ttime\tstring\taddr\tport\taddr\tport\n";
    private static final String GOOD = "1700000000.000000\tC1\t10.0.0.1\t1234\t192.0.2.1\t443\n";

    @TempDir
    Path dir;

    @Test
    void zeekTsv_badLines_countedByReason_goodLinesKept() throws IOException {
        StringBuilder log = new StringBuilder(HEADER).append(GOOD)
                .append("1700000000.000000\tC2\t10.0.0.1\t1234\n")                              // too few fields
                .append("1700000000.000000\tC3\t10.0.0.1\t1234\t192.0.2.1\t443\textra\n")       // too many
                .append("1700000000.000000\tC4\t10.0.0.1\u0000\u0001\t1234\t192.0.2.1\t443\n")  // binary garbage
                .append("1700000000.000000\tC5\t10.0.0.999\t1234\t2001:db8::zz\t443\n")          // two bad addresses
                .append("1700000000.000000\tC6\t10.0.0.1\t1234\t192.0.2.1\t70000\n")             // bad port
                .append("yesterday\tC7\t10.0.0.1\t1234\t192.0.2.1\t443\n")                       // bad time
                .append(GOOD)
                .append("1700000000.000000\tC8\t10.0.0.1\t12");                                  // truncated last line
        Path file = write("conn.log", log.toString());
        Collected c = Collected.read(file);
        FileStats s = c.only();
        assertThat(s.errors()).containsEntry(ParseError.WRONG_FIELD_COUNT, 2L).containsEntry(ParseError.BINARY_GARBAGE, 1L)
                .containsEntry(ParseError.BAD_ADDRESS, 2L).containsEntry(ParseError.BAD_NUMBER, 1L)
                .containsEntry(ParseError.BAD_TIME, 1L).containsEntry(ParseError.TRUNCATED_LINE, 1L).hasSize(6);
        assertThat(s.lines()).isEqualTo(7 + 9);
        assertThat(s.records()).isEqualTo(4);
        assertThat(c.at(Where.CONN_RESP)).extracting(o -> o.uid()).containsExactly("C1", "C6", "C1");
        assertThat(c.at(Where.CONN_RESP).get(1).port()).isEqualTo(-1);
    }

    @Test
    void overlongLine_skippedInBoundedMemory_andTheNextLineRead() throws IOException {
        String huge = "1700000000.000000\tC9\t" + "a".repeat(3 * LineScanner.MAX_LINE) + "\t1\t192.0.2.1\t443\n";
        Path file = write("conn.log", HEADER + GOOD + huge + GOOD + huge.substring(0, LineScanner.MAX_LINE + 10));
        FileStats s = Collected.read(file).only();
        assertThat(s.errors()).containsEntry(ParseError.OVERLONG_LINE, 2L).hasSize(1);
        assertThat(s.records()).isEqualTo(2);
        assertThat(s.lines()).isEqualTo(7 + 4);
    }

    @Test
    void zeekJson_garbageAndTruncatedLines_counted() throws IOException {
        String good = "{\"_path\":\"dns\",\"ts\":1700000000.5,\"uid\":\"D1\",\"query\":\"a.example\"}\n";
        Path file = write("dns.json", good + "{\"_path\":\"dns\",\"ts\":1700000000.5,\"query\":\"a.ex\n"
                + "{\"_path\":\u0000\u0007\u00ff}\n" + "[1,2]\n" + "\n" + good + "{\"_path\":\"dns\",\"ts\":17000");
        Collected c = Collected.read(file);
        assertThat(c.only().errors()).containsEntry(ParseError.BAD_JSON, 2L).containsEntry(ParseError.BINARY_GARBAGE, 1L)
                .containsEntry(ParseError.TRUNCATED_LINE, 1L);
        assertThat(c.distinct(Where.DNS_QUERY)).containsExactly("a.example");
        assertThat(c.only().records()).isEqualTo(2);
    }

    @Test
    void tsvDataBeforeAnyHeader_isCountedNotGuessed() throws IOException {
        FileStats s = Collected.read(TelemetryOptions.defaults().withFormat("zeek"), write("x.log", GOOD + HEADER + GOOD)).only();
        assertThat(s.errors()).containsEntry(ParseError.NO_HEADER, 1L);
        assertThat(s.records()).isEqualTo(1);
    }

    @Test
    void randomBytes_neverThrow_inAnyFormat() throws IOException {
        Random random = new Random(42);
        for (int i = 0; i < 200; i++) {
            byte[] noise = new byte[random.nextInt(5000)];
            random.nextBytes(noise);
            for (int k = 0; k < noise.length; k += 1 + random.nextInt(80)) {
                noise[k] = (byte) "\n\t,{}\"\\#-: ".charAt(random.nextInt(11));
            }
            byte[] prefix = (i % 2 == 0 ? HEADER : "{\"_path\":\"http\",\"ts\":1,\"uid\":\"x\"}\n").getBytes(StandardCharsets.UTF_8);
            Path file = dir.resolve("noise" + i + ".log");
            try (OutputStream out = Files.newOutputStream(file)) {
                out.write(prefix);
                out.write(noise);
            }
            FileStats s = Collected.read(file).only();
            assertThat(s.lines()).isPositive();
        }
    }

    @Test
    void unknownFormat_andMissingFile_areCountedNotThrown() throws IOException {
        Path text = write("notes.txt", "hello world\n");
        Collected c = Collected.read(text, dir.resolve("missing.log"));
        assertThat(c.stats().get(0).errors()).containsEntry(ParseError.UNKNOWN_FORMAT, 1L);
        assertThat(c.stats().get(1).errors()).containsEntry(ParseError.IO_ERROR, 1L);
    }

    @Test
    void gzipByMagicBytes_evenWithoutTheGzName() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write((HEADER + GOOD).getBytes(StandardCharsets.UTF_8));
        }
        Path file = dir.resolve("conn.log");
        Files.write(file, bytes.toByteArray());
        Collected c = Collected.read(file);
        assertThat(c.only().format()).isEqualTo("zeek");
        assertThat(c.at(Where.CONN_RESP)).hasSize(1);
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }
}
