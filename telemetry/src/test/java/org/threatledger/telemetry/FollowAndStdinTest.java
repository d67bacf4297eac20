package org.threatledger.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.threatledger.match.Observation;

/** Follow mode on a growing, rotated and truncated file; stdin as {@code -}. */
class FollowAndStdinTest {
    private static final String HEADER = "#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n"
            + "#path\tdns\n#fields\tts\tuid\tquery\n#types\ttime\tstring\tstring\n";

    @TempDir
    Path dir;

    private static String dns(String uid, String query) {
        return "1700000000.000000\t" + uid + "\t" + query + "\n";
    }

    @Test
    void follow_seesAppendedLines_waitsForAPartialLine_andSurvivesRotationAndTruncation() throws Exception {
        Path log = dir.resolve("dns.log");
        Files.writeString(log, HEADER + dns("D1", "one.example"));
        List<Observation> seen = new CopyOnWriteArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            TelemetryReader reader = new TelemetryReader(TelemetryOptions.defaults(), new ByteArrayInputStream(new byte[0]), 5);
            Future<FileStats> follow = pool.submit(() -> reader.follow(log, seen::add, stop::get));
            awaitValues(seen, 1);

            append(log, dns("D2", "two.example") + "1700000000.000000\tD3\tthr");
            awaitValues(seen, 2);
            Thread.sleep(50);
            assertThat(values(seen)).containsExactly("one.example", "two.example");
            append(log, "ee.example\n");
            awaitValues(seen, 3);

            Path rotated = dir.resolve("dns.1.log");
            Files.move(log, rotated);
            Files.writeString(log, HEADER + dns("D4", "four.example"));
            awaitValues(seen, 4);

            // like tail -F, truncation is seen when the file is shorter than what was read
            Files.writeString(log, HEADER + dns("D5", "f.example"), StandardOpenOption.TRUNCATE_EXISTING);
            awaitValues(seen, 5);

            stop.set(true);
            FileStats stats = follow.get(10, TimeUnit.SECONDS);
            assertThat(values(seen)).containsExactly("one.example", "two.example", "three.example", "four.example", "f.example");
            assertThat(stats.errors()).isEmpty();
            assertThat(stats.records()).isEqualTo(5);
        } finally {
            stop.set(true);
            pool.shutdownNow();
        }
    }

    @Test
    void follow_fileThatDoesNotExistYet_isWaitedFor() throws Exception {
        Path log = dir.resolve("later.log");
        List<Observation> seen = new CopyOnWriteArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            TelemetryReader reader = new TelemetryReader(TelemetryOptions.defaults(), new ByteArrayInputStream(new byte[0]), 5);
            Future<FileStats> follow = pool.submit(() -> reader.follow(log, seen::add, stop::get));
            Thread.sleep(30);
            Files.writeString(log, HEADER + dns("D1", "late.example"));
            awaitValues(seen, 1);
            stop.set(true);
            assertThat(follow.get(10, TimeUnit.SECONDS).records()).isEqualTo(1);
        } finally {
            stop.set(true);
            pool.shutdownNow();
        }
    }

    @Test
    void stdin_isReadAsDash_gzippedOrNot() throws IOException {
        byte[] plain = (HEADER + dns("D1", "stdin.example")).getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(plain);
        }
        for (byte[] input : List.of(plain, gz.toByteArray())) {
            List<Observation> seen = new CopyOnWriteArrayList<>();
            List<FileStats> stats = new TelemetryReader(TelemetryOptions.defaults(), new ByteArrayInputStream(input), 5)
                    .read(List.of("-"), seen::add);
            assertThat(stats).singleElement().satisfies(s -> {
                assertThat(s.source()).isEqualTo("-");
                assertThat(s.format()).isEqualTo("zeek");
            });
            assertThat(seen).singleElement().satisfies(o -> {
                assertThat(o.value()).isEqualTo("stdin.example");
                assertThat(o.source()).isEqualTo("-");
                assertThat(o.line()).isEqualTo(8);
            });
        }
    }

    @Test
    void directory_isWalkedInNameOrder() throws IOException {
        Path sub = Files.createDirectories(dir.resolve("sensor-a"));
        Files.writeString(sub.resolve("b.log"), HEADER + dns("D2", "b.example"));
        Files.writeString(sub.resolve("a.log"), HEADER + dns("D1", "a.example"));
        Files.writeString(sub.resolve(".hidden.log"), HEADER + dns("D3", "hidden.example"));
        Collected c = Collected.read(dir);
        assertThat(c.observations()).extracting(Observation::value).containsExactly("a.example", "b.example");
    }

    private static List<String> values(List<Observation> seen) {
        return seen.stream().map(Observation::value).toList();
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardOpenOption.APPEND);
    }

    private static void awaitValues(List<Observation> seen, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (seen.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(seen).hasSizeGreaterThanOrEqualTo(n);
    }
}
