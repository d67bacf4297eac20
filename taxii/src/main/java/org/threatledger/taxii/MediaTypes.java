package org.threatledger.taxii;

import java.util.Locale;

/** The TAXII 2.1 and STIX 2.1 media types (TAXII 2.1 §1.6.8) and Accept/Content-Type matching. */
public final class MediaTypes {
    public static final String TAXII = "application/taxii+json;version=2.1";
    public static final String STIX = "application/stix+json;version=2.1";

    private MediaTypes() {
    }

    /**
     * Whether an Accept header admits {@code wanted}: an exact media type (version 2.1 or no version),
     * or a wildcard {@code *}/{@code *} or {@code application/*}.
     */
    public static boolean accepts(String accept, String wanted) {
        if (accept == null || accept.isBlank()) {
            return true;
        }
        String base = wanted.substring(0, wanted.indexOf(';'));
        for (String range : accept.split(",")) {
            String r = normal(range);
            int q = r.indexOf(";q=");
            if (q >= 0) {
                r = r.substring(0, q);
            }
            if (r.equals("*/*") || r.equals("application/*") || r.equals(base) || r.equals(normal(wanted))) {
                return true;
            }
        }
        return false;
    }

    /** Whether a Content-Type is this media type (version 2.1; parameters in any spacing and case). */
    public static boolean is(String contentType, String wanted) {
        return contentType != null && normal(contentType).startsWith(normal(wanted));
    }

    private static String normal(String mediaType) {
        return mediaType.replace(" ", "").toLowerCase(Locale.ROOT);
    }
}
