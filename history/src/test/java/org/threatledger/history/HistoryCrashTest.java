package org.threatledger.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.threatledger.match.ObservationType;

/**
 * Kills a child JVM that flushes (and merges) in a loop, at several points, and checks that what
 * it reported as flushed survives exactly once and that the history opens cleanly.
 */
class HistoryCrashTest {
    static final int VALUES_PER_ROUND = 20_000;

    @TempDir
    Path dir;

    @Test
    void killMidFlush_leavesEveryFlushedSegmentIntact() throws Exception {
        for (int kill = 0; kill < 4; kill++) {
            Path store = dir.resolve("store" + kill);
            long start = System.nanoTime();
            int flushed = runAndKill(store, 2 + kill, 4L * kill);
            System.out.printf("kill %d: %d flushes survived, %d ms%n", kill, flushed, (System.nanoTime() - start) / 1_000_000);
            try (History h = History.open(store)) {
                for (int round = 0; round < flushed; round++) {
                    int r = round;
                    List<String> values = IntStream.range(0, VALUES_PER_ROUND).mapToObj(i -> value(r, i)).toList();
                    Map<String, Seen> found = h.lookupAll(ObservationType.DOMAIN, values);
                    assertThat(found).as("round %d of %d", round, flushed).hasSize(VALUES_PER_ROUND);
                    assertThat(found.values()).allSatisfy(s -> assertThat(s.count()).isEqualTo(1));
                }
            }
        }
    }

    /**
     * Starts the child, waits until it starts flushing round {@code rounds}, kills it
     * {@code delayMillis} later (inside the flush or the merge after it); returns the flushes it
     * reported finished.
     */
    private int runAndKill(Path store, int rounds, long delayMillis) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                Child.class.getName(), store.toString()).redirectErrorStream(true).start();
        int flushed = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("flushed ")) {
                    flushed = Integer.parseInt(line.substring(8));
                } else if (line.equals("flushing " + rounds)) {
                    Thread.sleep(delayMillis);
                    child.destroyForcibly();
                    break;
                }
            }
        }
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(flushed).as("child output").isGreaterThanOrEqualTo(rounds - 1);
        return flushed;
    }

    static String value(int round, int i) {
        return "v" + i + ".r" + round + ".example";
    }

    /** The child: records a round of new values, flushes, says so, forever. */
    public static final class Child {
        public static void main(String[] args) throws IOException {
            History h = History.open(Path.of(args[0]));
            for (int round = 0; ; round++) {
                for (int i = 0; i < VALUES_PER_ROUND; i++) {
                    h.record(ObservationType.DOMAIN, value(round, i), round, "s");
                }
                System.out.println("flushing " + (round + 1));
                System.out.flush();
                h.flush();
                System.out.println("flushed " + (round + 1));
                System.out.flush();
            }
        }
    }
}
