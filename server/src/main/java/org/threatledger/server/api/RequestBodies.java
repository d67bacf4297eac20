package org.threatledger.server.api;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;

/**
 * Upload bodies: read whole up to the configured maximum content length (413 beyond it, whether
 * the length was declared or the body is chunked), and refused bodies read and thrown away before
 * the answer, here and at the TAXII gate: a server that answers and closes while the client is still
 * sending makes the client's TCP stack reset the connection, and the client loses the answer.
 */
public final class RequestBodies {
    /** The most a refused body is read and discarded; beyond it the connection is closed unread. */
    private static final long DRAIN_LIMIT = 8L * 1024 * 1024;
    private static final String CONSUMED = "threatledger.api.body-consumed";

    private RequestBodies() {
    }

    /** The whole body; a 413 {@link ApiException} when it is longer than {@code max} bytes. */
    static byte[] read(Context ctx, long max) {
        if (declaredOver(ctx, max)) {
            throw tooLarge(max);
        }
        byte[] bytes;
        try {
            bytes = readUpTo(ctx, max);
        } catch (IOException e) {
            throw ApiException.badRequest("the body could not be read");
        }
        if (bytes == null) {
            throw tooLarge(max);
        }
        return bytes;
    }

    /** Whether the request declares a Content-Length over {@code max} bytes (an unreadable length counts as over). */
    public static boolean declaredOver(Context ctx, long max) {
        String length = ctx.header("Content-Length");
        return length != null && parseLength(length) > max;
    }

    /**
     * The whole body, read up to {@code max} bytes; null when it is longer (a chunked body declares
     * no length), and what is left of it is then still there for {@link #discard}.
     */
    public static byte[] readUpTo(Context ctx, long max) throws IOException {
        try (InputStream in = ctx.bodyInputStream()) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            if (bytes.length > max) {
                return null;
            }
            ctx.attribute(CONSUMED, Boolean.TRUE);
            return bytes;
        }
    }

    /** Before a refusal is written: reads what is left of a body (up to a limit) and asks to close the connection. */
    public static void discard(Context ctx) {
        String length = ctx.header("Content-Length");
        boolean chunked = ctx.header("Transfer-Encoding") != null;
        if (ctx.attribute(CONSUMED) != null || (length == null || parseLength(length) == 0) && !chunked) {
            return;
        }
        ctx.attribute(CONSUMED, Boolean.TRUE);
        ctx.header("Connection", "close");
        long declared = length == null ? DRAIN_LIMIT : parseLength(length);
        if (declared > DRAIN_LIMIT) {
            return;
        }
        try (InputStream in = ctx.bodyInputStream()) {
            byte[] sink = new byte[8192];
            long left = DRAIN_LIMIT;
            for (int n; left > 0 && (n = in.read(sink, 0, (int) Math.min(sink.length, left))) > 0; ) {
                left -= n;
            }
        } catch (IOException | RuntimeException ignored) {
            // The client went away or the body was already read; the answer is still written.
        }
    }

    private static ApiException tooLarge(long max) {
        return new ApiException(413, "Content too large", "the body exceeds the maximum content length of " + max + " bytes");
    }

    private static long parseLength(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
