package org.threatledger.match;

/** Where in the telemetry a value was seen: the field, named by protocol and role. */
public enum Where {
    DNS_QUERY, DNS_ANSWER,
    HTTP_HOST, HTTP_URL, HTTP_REFERRER, HTTP_USER_AGENT,
    CONN_ORIG, CONN_RESP,
    SSL_SNI, SSL_JA3, SSL_JA3S,
    X509_SERIAL, X509_FINGERPRINT, X509_SUBJECT, X509_ISSUER,
    FILE_HASH, FILE_NAME,
    SMTP_FROM, SMTP_TO,
    PROXY_HOST, PROXY_URL,
    /** a field of a mapped JSON/CSV log */
    FIELD
}
