package org.threatledger.telemetry;

import static org.threatledger.telemetry.ZeekField.*;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A Zeek record seen as the STIX cyber-observables it stands for (STIX 2.1 §6), computed only
 * when a pattern asks: every log with connection ids is a {@code network-traffic} with
 * {@code src_ref}/{@code dst_ref} addresses and ports; dns adds a {@code domain-name} that
 * {@code resolves_to} its answers; http a {@code url}, a {@code domain-name} (host) and the
 * {@code http-request-ext}; ssl a {@code domain-name} (server_name); x509 an
 * {@code x509-certificate}; files a {@code file}; smtp {@code email-addr}s and an
 * {@code email-message}. Values are the record's text, host names in lower case; serials and
 * hashes in lower-case hex as the observations carry them.
 */
final class ZeekObserved extends KeyedObserved {
    private final ZeekLog log;
    private final ZeekRecord r;

    ZeekObserved(ZeekLog log, ZeekRecord r, long timeMicros, String sensor) {
        super(timeMicros, sensor);
        this.log = log;
        this.r = r;
    }

    @Override
    List<Object> values(String key) {
        List<Object> common = switch (key) {
            case "network-traffic:src_ref.value" -> one(r.text(ORIG_H));
            case "network-traffic:dst_ref.value" -> one(r.text(RESP_H));
            case "network-traffic:src_ref.type" -> one(addressKind(r.text(ORIG_H)));
            case "network-traffic:dst_ref.type" -> one(addressKind(r.text(RESP_H)));
            case "network-traffic:src_port" -> number(r.text(ORIG_P));
            case "network-traffic:dst_port" -> number(r.text(RESP_P));
            case "network-traffic:protocols[*]" -> protocols();
            case "ipv4-addr:value" -> addresses("ipv4-addr");
            case "ipv6-addr:value" -> addresses("ipv6-addr");
            default -> null;
        };
        if (common != null) {
            return common;
        }
        return switch (log) {
            case DNS -> dns(key);
            case HTTP -> http(key);
            case SSL -> key.equals("domain-name:value") ? host(r.text(SERVER_NAME)) : List.of();
            case X509 -> x509(key);
            case FILES -> files(key);
            case SMTP -> smtp(key);
            default -> List.of();
        };
    }

    private List<Object> dns(String key) {
        return switch (key) {
            case "domain-name:value" -> host(r.text(QUERY));
            case "domain-name:resolves_to_refs[*].value" -> new ArrayList<>(r.texts(ANSWERS));
            default -> List.of();
        };
    }

    private List<Object> http(String key) {
        String ext = "network-traffic:extensions.http-request-ext.";
        return switch (key) {
            case "url:value" -> {
                String raw = HttpUrls.of(r.text(HOST), r.text(URI), r.text(METHOD), r.text(RESP_P));
                yield one(raw == null ? null : Values.url(raw));
            }
            case "domain-name:value" -> {
                String h = r.text(HOST);
                yield h == null || Values.addressType(Observe.stripPort(h)) != null ? List.of() : host(Observe.stripPort(h));
            }
            default -> key.startsWith(ext) ? httpRequest(key.substring(ext.length())) : List.of();
        };
    }

    private List<Object> httpRequest(String property) {
        return switch (property) {
            case "request_method" -> one(r.text(METHOD));
            case "request_value" -> one(r.text(URI));
            case "request_version" -> one(r.text(VERSION) == null ? null : "http/" + r.text(VERSION));
            case "request_header.Host" -> one(r.text(HOST));
            case "request_header.User-Agent" -> one(r.text(USER_AGENT));
            case "request_header.Referer" -> one(r.text(REFERRER));
            default -> List.of();
        };
    }

    private List<Object> x509(String key) {
        String fp = r.text(FINGERPRINT);
        return switch (key) {
            case "x509-certificate:serial_number" -> one(r.text(CERT_SERIAL) == null ? null : Values.serial(r.text(CERT_SERIAL)));
            case "x509-certificate:hashes.SHA-1" -> one(fp != null && fp.length() == 40 ? Values.lowerAscii(fp) : null);
            case "x509-certificate:hashes.SHA-256" -> one(fp != null && fp.length() == 64 ? Values.lowerAscii(fp) : null);
            case "x509-certificate:subject" -> one(r.text(CERT_SUBJECT));
            case "x509-certificate:issuer" -> one(r.text(CERT_ISSUER));
            case "x509-certificate:version" -> number(r.text(CERT_VERSION));
            case "x509-certificate:validity_not_before" -> instant(r.text(CERT_NOT_BEFORE));
            case "x509-certificate:validity_not_after" -> instant(r.text(CERT_NOT_AFTER));
            default -> List.of();
        };
    }

    private List<Object> files(String key) {
        return switch (key) {
            case "file:hashes.MD5" -> one(lower(r.text(MD5)));
            case "file:hashes.SHA-1" -> one(lower(r.text(SHA1)));
            case "file:hashes.SHA-256" -> one(lower(r.text(SHA256)));
            case "file:name" -> one(r.text(FILENAME));
            case "file:mime_type" -> one(r.text(MIME_TYPE));
            case "file:size" -> number(r.text(TOTAL_BYTES));
            default -> List.of();
        };
    }

    private List<Object> smtp(String key) {
        return switch (key) {
            case "email-addr:value" -> emails(r.text(MAILFROM), r.text(FROM), r.texts(RCPTTO), r.texts(TO), r.texts(CC));
            case "email-message:from_ref.value" -> emails(r.text(FROM), null, List.of(), List.of(), List.of());
            case "email-message:sender_ref.value" -> emails(r.text(MAILFROM), null, List.of(), List.of(), List.of());
            case "email-message:to_refs[*].value" -> emails(null, null, r.texts(TO), List.of(), List.of());
            case "email-message:cc_refs[*].value" -> emails(null, null, r.texts(CC), List.of(), List.of());
            case "email-message:subject" -> one(r.text(SUBJECT));
            case "email-message:message_id" -> one(r.text(MSG_ID));
            default -> List.of();
        };
    }

    private static List<Object> emails(String a, String b, List<String> c, List<String> d, List<String> e) {
        List<Object> out = new ArrayList<>();
        for (String raw : concat(a, b, c, d, e)) {
            String v = Values.email(raw);
            if (v != null && !out.contains(v)) {
                out.add(v);
            }
        }
        return out;
    }

    private static List<String> concat(String a, String b, List<String> c, List<String> d, List<String> e) {
        List<String> all = new ArrayList<>();
        if (a != null) {
            all.add(a);
        }
        if (b != null) {
            all.add(b);
        }
        all.addAll(c);
        all.addAll(d);
        all.addAll(e);
        return all;
    }

    private List<Object> protocols() {
        List<Object> out = new ArrayList<>();
        String proto = r.text(PROTO);
        if (proto != null) {
            out.add(Values.lowerAscii(proto));
        }
        for (String s : r.texts(SERVICE)) {
            out.add(Values.lowerAscii(s));
        }
        return out;
    }

    private List<Object> addresses(String kind) {
        List<Object> out = new ArrayList<>(2);
        for (String a : new String[] {r.text(ORIG_H), r.text(RESP_H)}) {
            if (kind.equals(addressKind(a))) {
                out.add(a);
            }
        }
        if (log == ZeekLog.DNS) {
            for (String a : r.texts(ANSWERS)) {
                if (kind.equals(addressKind(a))) {
                    out.add(a);
                }
            }
        }
        return out;
    }

    private static String addressKind(String a) {
        if (a == null) {
            return null;
        }
        return Values.isIpv4(a) ? "ipv4-addr" : a.indexOf(':') >= 0 ? "ipv6-addr" : null;
    }

    private static List<Object> host(String h) {
        if (h == null || h.isEmpty()) {
            return List.of();
        }
        String lower = Values.lowerAscii(h);
        return List.of(lower.length() > 1 && lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower);
    }

    private static String lower(String s) {
        return s == null ? null : Values.lowerAscii(s);
    }

    private static List<Object> one(Object v) {
        return v == null ? List.of() : List.of(v);
    }

    private static List<Object> number(String s) {
        try {
            return s == null ? List.of() : List.of(Long.parseLong(s));
        } catch (NumberFormatException e) {
            return List.of();
        }
    }

    private static List<Object> instant(String s) {
        long micros = s == null ? Times.BAD : Times.parse(s);
        return micros == Times.BAD ? List.of() : List.of(Instant.EPOCH.plusNanos(micros * 1000));
    }
}
