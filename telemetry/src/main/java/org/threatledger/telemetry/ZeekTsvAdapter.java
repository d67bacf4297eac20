package org.threatledger.telemetry;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Zeek's default TSV logs: recognised by the {@code #separator} line that starts every one. */
final class ZeekTsvAdapter implements TelemetryAdapter {
    private static final byte[] MAGIC = "#separator".getBytes(StandardCharsets.US_ASCII);

    @Override
    public String format() {
        return "zeek";
    }

    @Override
    public boolean recognises(String fileName, byte[] head, int length, TelemetryOptions options) {
        return length >= MAGIC.length && Arrays.equals(head, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
    }

    @Override
    public LineParser open(String source, TelemetryOptions options) {
        return new ZeekTsvParser(ZeekLog.pathOfFileName(source), options.mapping());
    }
}
