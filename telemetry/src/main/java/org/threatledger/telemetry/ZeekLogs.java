package org.threatledger.telemetry;

import static org.threatledger.telemetry.ZeekField.*;

import org.threatledger.match.ObservationType;
import org.threatledger.match.Where;

/**
 * What each Zeek log yields (one small method per log, as Zeek's own Intel framework seen-scripts
 * do), written once for TSV and JSON records. Logs without a method here yield what the field
 * mapping says, if one is given.
 */
final class ZeekLogs {
    private ZeekLogs() {}

    static void observe(ZeekLog log, ZeekRecord r, RecordSink sink, FieldMapping mapping) {
        switch (log) {
            case DNS -> dns(r, sink);
            case HTTP -> http(r, sink);
            case CONN -> conn(r, sink);
            case SSL -> ssl(r, sink);
            case X509 -> x509(r, sink);
            case FILES -> files(r, sink);
            case SMTP -> smtp(r, sink);
            case OTHER -> {
                if (mapping != null) {
                    mapping.observe(r::text, sink);
                }
            }
        }
    }

    /** The record's uid: the connection uid, else the file id ({@code fuid}, OTRF x509's {@code id}). */
    static String uid(ZeekRecord r) {
        String uid = r.text(UID);
        if (uid == null) {
            uid = r.text(FUID);
        }
        return uid != null ? uid : r.text(ID);
    }

    static final String BAD_QUERY = "dns query is not a host name";
    static final String BAD_ANSWER = "dns answer is not a host name or address";

    private static void dns(ZeekRecord r, RecordSink sink) {
        if (r instanceof TsvRecord tsv) {
            TsvDns.observe(tsv, sink);
            return;
        }
        dnsQuery(r.lowerText(QUERY), sink);
        for (String a : r.texts(ANSWERS)) {
            dnsAnswer(a, sink);
        }
    }

    /** The query, already in ASCII lower case (null when unset). */
    static void dnsQuery(String q, RecordSink sink) {
        if (q != null && !q.isEmpty()) {
            dnsName(Values.hostName(q), Where.DNS_QUERY, BAD_QUERY, sink);
        }
    }

    /** A host name in normal form observed at {@code where}, or (null) skipped for {@code badReason}. */
    static void dnsName(String name, Where where, String badReason, RecordSink sink) {
        if (name == null) {
            sink.skip(badReason);
        } else {
            sink.observe(ObservationType.DOMAIN, name, -1, where);
        }
    }

    /** One answer as written: an address, or a host name in any case. */
    static void dnsAnswer(String a, RecordSink sink) {
        ObservationType type = Values.addressType(a);
        if (type != null) {
            String ip = Values.address(type, a);
            if (ip != null) {
                sink.observe(type, ip, -1, Where.DNS_ANSWER);
                return;
            }
        }
        dnsName(Values.hostName(Values.lowerAscii(a)), Where.DNS_ANSWER, BAD_ANSWER, sink);
    }

    private static void conn(ZeekRecord r, RecordSink sink) {
        Observe.address(sink, r.text(ORIG_H), Observe.port(sink, r.text(ORIG_P)), Where.CONN_ORIG);
        Observe.address(sink, r.text(RESP_H), Observe.port(sink, r.text(RESP_P)), Where.CONN_RESP);
    }

    private static void http(ZeekRecord r, RecordSink sink) {
        String host = r.lowerText(HOST);
        Observe.host(sink, host, -1, Where.HTTP_HOST, "http host");
        String url = HttpUrls.of(host, r.text(URI), r.text(METHOD), r.text(RESP_P));
        if (url != null) {
            Observe.typed(sink, ObservationType.URL, url, -1, Where.HTTP_URL, "http url");
        }
        String referrer = r.text(REFERRER);
        if (referrer != null) {
            Observe.typed(sink, ObservationType.URL, HttpUrls.encodeControls(referrer), -1, Where.HTTP_REFERRER, "http referrer");
        }
        Observe.typed(sink, ObservationType.USER_AGENT, r.text(USER_AGENT), -1, Where.HTTP_USER_AGENT, "user agent");
    }

    private static void ssl(ZeekRecord r, RecordSink sink) {
        Observe.host(sink, r.lowerText(SERVER_NAME), -1, Where.SSL_SNI, "ssl server_name");
        Observe.typed(sink, ObservationType.JA3, r.text(JA3), -1, Where.SSL_JA3, "ja3");
        Observe.typed(sink, ObservationType.JA3S, r.text(JA3S), -1, Where.SSL_JA3S, "ja3s");
        Observe.address(sink, r.text(RESP_H), Observe.port(sink, r.text(RESP_P)), Where.CONN_RESP);
    }

    private static void x509(ZeekRecord r, RecordSink sink) {
        Observe.typed(sink, ObservationType.X509_SERIAL, r.text(CERT_SERIAL), -1, Where.X509_SERIAL, "certificate.serial");
        String fp = r.text(FINGERPRINT);
        if (fp != null && !fp.isEmpty()) {
            ObservationType type = fp.length() == 40 ? ObservationType.X509_SHA1 : ObservationType.X509_SHA256;
            Observe.typed(sink, type, fp, -1, Where.X509_FINGERPRINT, "x509 fingerprint");
        }
    }

    private static void files(ZeekRecord r, RecordSink sink) {
        Observe.typed(sink, ObservationType.MD5, r.text(MD5), -1, Where.FILE_HASH, "md5");
        Observe.typed(sink, ObservationType.SHA1, r.text(SHA1), -1, Where.FILE_HASH, "sha1");
        Observe.typed(sink, ObservationType.SHA256, r.text(SHA256), -1, Where.FILE_HASH, "sha256");
        Observe.typed(sink, ObservationType.FILE_NAME, r.text(FILENAME), -1, Where.FILE_NAME, "filename");
    }

    private static void smtp(ZeekRecord r, RecordSink sink) {
        Observe.typed(sink, ObservationType.EMAIL, r.text(MAILFROM), -1, Where.SMTP_FROM, "smtp mailfrom");
        Observe.typed(sink, ObservationType.EMAIL, r.text(FROM), -1, Where.SMTP_FROM, "smtp from");
        for (String to : r.texts(RCPTTO)) {
            Observe.typed(sink, ObservationType.EMAIL, to, -1, Where.SMTP_TO, "smtp rcptto");
        }
        for (String to : r.texts(TO)) {
            Observe.typed(sink, ObservationType.EMAIL, to, -1, Where.SMTP_TO, "smtp to");
        }
    }
}
