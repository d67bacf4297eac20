package org.threatledger.telemetry;

import java.util.Locale;

/** The Zeek logs with a built-in adapter; any other is {@link #OTHER} and read through a mapping. */
enum ZeekLog {
    DNS, HTTP, CONN, SSL, X509, FILES, SMTP, OTHER;

    /** The log named by a {@code #path}, {@code _path} or {@code @stream} value. */
    static ZeekLog of(String path) {
        if (path == null) {
            return OTHER;
        }
        return switch (path) {
            case "dns" -> DNS;
            case "http" -> HTTP;
            case "conn" -> CONN;
            case "ssl" -> SSL;
            case "x509" -> X509;
            case "files" -> FILES;
            case "smtp" -> SMTP;
            default -> OTHER;
        };
    }

    /**
     * The log a file name stands for when the content does not say: {@code dns.log},
     * {@code dns.09:00:00-10:00:00.log.gz}, {@code NASHUA_dns.log}, {@code http.json.gz}.
     */
    static String pathOfFileName(String fileName) {
        String base = fileName.substring(fileName.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        int dot = base.indexOf('.');
        String stem = dot < 0 ? base : base.substring(0, dot);
        if (of(stem) != OTHER) {
            return stem;
        }
        // a host prefix (OTRF's NASHUA_dns.log); only the first '_' so that smb_files stays smb_files
        int u = stem.indexOf('_');
        return u > 0 ? stem.substring(u + 1) : stem;
    }
}
