package org.threatledger.ingest.lists;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Random;
import org.threatledger.ingest.FeedInput;
import org.threatledger.ingest.ImportOptions;
import org.threatledger.ingest.ImportSink;
import org.threatledger.ingest.Rejection;
import org.threatledger.stix.IocEntry;
import org.threatledger.stix.StixObject;

/**
 * Measures list import speed (both passes: scan and detection + normalisation) on a generated
 * 1M-line list shaped like maltrail (mostly domains, some ip:port, urls and hashes).
 * Run: {@code ./mvnw -q -pl ingest -am test-compile && java -cp "ingest/target/test-classes:ingest/target/classes:stix/target/classes:$(cat cp.txt)" org.threatledger.ingest.lists.ListThroughput}
 * (the class path of jackson from {@code dependency:build-classpath}).
 */
public final class ListThroughput {
    private ListThroughput() {}

    static byte[] generate(int lines) {
        Random r = new Random(42);
        ByteArrayOutputStream out = new ByteArrayOutputStream(lines * 24);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            sb.setLength(0);
            switch (i % 20) {
                case 0 -> sb.append(r.nextInt(224)).append('.').append(r.nextInt(256)).append('.')
                        .append(r.nextInt(256)).append('.').append(r.nextInt(256)).append(':').append(1 + r.nextInt(65535));
                case 1 -> sb.append("update").append(i).append(".Evil-CDN.com/gate.php?id=").append(i);
                case 2 -> sb.append(String.format("%032x", (long) i * 2654435761L));
                default -> sb.append("host").append(i).append('.').append((char) ('a' + r.nextInt(26))).append("dyn-dns.net");
            }
            out.writeBytes(sb.append('\n').toString().getBytes(StandardCharsets.US_ASCII));
        }
        return out.toByteArray();
    }

    public static void main(String[] args) throws Exception {
        int lines = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        byte[] content = generate(lines);
        long[] entries = new long[1];
        ImportSink sink = new ImportSink() {
            @Override
            public void object(StixObject object) {}

            @Override
            public void entry(IocEntry entry) {
                entries[0]++;
            }

            @Override
            public void reject(Rejection rejection) {}

            @Override
            public void warn(Rejection warning) {}
        };
        IocListImporter importer = new IocListImporter();
        ImportOptions options = new ImportOptions("bench", null, null, false, Instant.EPOCH);
        for (int round = 0; round < 5; round++) {
            entries[0] = 0;
            long t0 = System.nanoTime();
            importer.read(new FeedInput("bench.txt", () -> new ByteArrayInputStream(content)), options, sink);
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("round %d: %d lines, %d entries in %.3f s = %.0f lines/s%n", round, lines, entries[0], s, lines / s);
        }
    }
}
