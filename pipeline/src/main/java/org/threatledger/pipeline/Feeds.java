package org.threatledger.pipeline;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.threatledger.ingest.FeedInput;

/**
 * Turns what the user named (files, directories, URLs) into {@link FeedInput}s: directories are
 * walked in name order, URLs are downloaded once to a temporary file, and gzip content is
 * recognised by its magic bytes, whatever the name says.
 */
final class Feeds {
    private Feeds() {}

    /** A feed plus the size of its raw bytes and a counter of raw bytes read (for progress). */
    record Feed(FeedInput input, long rawSize, AtomicLong rawRead) { }

    static List<Feed> expand(List<String> arguments, Path tempDir) throws IOException {
        List<Feed> out = new ArrayList<>();
        for (String arg : arguments) {
            if (arg.startsWith("http://") || arg.startsWith("https://")) {
                out.add(of(arg, download(arg, tempDir)));
                continue;
            }
            Path path = Path.of(arg);
            if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                        if (!p.getFileName().toString().startsWith(".")) {
                            out.add(of(p.toString(), p));
                        }
                    }
                }
            } else if (Files.isRegularFile(path)) {
                out.add(of(arg, path));
            } else {
                throw new IOException(arg + ": no such file, directory or URL");
            }
        }
        return out;
    }

    private static Feed of(String name, Path file) throws IOException {
        long size = Files.size(file);
        AtomicLong read = new AtomicLong();
        boolean gzip = isGzip(file);
        FeedInput input = new FeedInput(name, () -> {
            read.set(0);
            InputStream raw = new Counting(Files.newInputStream(file), read);
            return new BufferedInputStream(gzip ? new GZIPInputStream(raw, 65536) : raw, 65536);
        });
        return new Feed(input, size, read);
    }

    private static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }

    private static Path download(String url, Path tempDir) throws IOException {
        Files.createDirectories(tempDir);
        Path target = Files.createTempFile(tempDir, "feed-", ".download");
        target.toFile().deleteOnExit();
        HttpClient client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(20))
                .build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(10)).GET().build();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() / 100 != 2) {
                throw new IOException(url + ": HTTP " + response.statusCode());
            }
            try (InputStream body = response.body()) {
                Files.copy(body, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(url + ": download interrupted", e);
        }
    }

    /** Reads the first bytes of a feed's (decompressed) content, for format detection. */
    static byte[] head(FeedInput input, int max) throws IOException {
        java.io.ByteArrayOutputStream head = new java.io.ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try (InputStream in = input.open()) {
            int n;
            while (head.size() < max && (n = in.read(buf, 0, Math.min(buf.length, max - head.size()))) > 0) {
                head.write(buf, 0, n);
            }
        } catch (java.io.EOFException e) {
            // a truncated .gz: detect the format from what is there; the importer reports the cut
            if (head.size() == 0) {
                throw e;
            }
        }
        return head.toByteArray();
    }

    private static final class Counting extends FilterInputStream {
        private final AtomicLong count;

        Counting(InputStream in, AtomicLong count) {
            super(in);
            this.count = count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count.incrementAndGet();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count.addAndGet(n);
            }
            return n;
        }
    }
}
