package org.threatledger.telemetry;

/**
 * The Zeek fields the built-in log adapters read, by their dotted name; JSON dialects that write
 * {@code id_orig_h} for {@code id.orig_h} are found through {@link #underscored}. An enum so that a
 * TSV header resolves each to a column once per file and a record looks it up by ordinal.
 */
enum ZeekField {
    TS("ts"), UID("uid"), FUID("fuid"), ID("id"),
    ORIG_H("id.orig_h"), ORIG_P("id.orig_p"), RESP_H("id.resp_h"), RESP_P("id.resp_p"),
    PROTO("proto"), SERVICE("service"),
    QUERY("query"), ANSWERS("answers"),
    METHOD("method"), HOST("host"), URI("uri"), REFERRER("referrer"), VERSION("version"),
    USER_AGENT("user_agent"),
    SERVER_NAME("server_name"), JA3("ja3"), JA3S("ja3s"),
    FINGERPRINT("fingerprint"), CERT_SERIAL("certificate.serial"), CERT_SUBJECT("certificate.subject"),
    CERT_ISSUER("certificate.issuer"), CERT_VERSION("certificate.version"),
    CERT_NOT_BEFORE("certificate.not_valid_before"), CERT_NOT_AFTER("certificate.not_valid_after"),
    MD5("md5"), SHA1("sha1"), SHA256("sha256"), FILENAME("filename"), MIME_TYPE("mime_type"),
    TOTAL_BYTES("total_bytes"),
    MAILFROM("mailfrom"), RCPTTO("rcptto"), FROM("from"), TO("to"), CC("cc"), SUBJECT("subject"),
    MSG_ID("msg_id");

    final String dotted;
    final String underscored;

    ZeekField(String dotted) {
        this.dotted = dotted;
        this.underscored = dotted.replace('.', '_');
    }

    private static final java.util.Map<String, ZeekField> BY_NAME = new java.util.HashMap<>();

    static {
        for (ZeekField f : values()) {
            BY_NAME.put(f.dotted, f);
        }
    }

    /** The field with this dotted name, or null. */
    static ZeekField named(String name) {
        return BY_NAME.get(name);
    }
}
