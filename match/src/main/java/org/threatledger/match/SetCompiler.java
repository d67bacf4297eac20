package org.threatledger.match;

import java.util.ArrayList;
import java.util.List;
import org.threatledger.pattern.Pattern;
import org.threatledger.pattern.PatternException;
import org.threatledger.pattern.PatternParser;
import org.threatledger.stix.IocEntry;
import org.threatledger.stix.IocType;
import org.threatledger.stix.StixObject;

/**
 * Builds the parts of an {@link IndicatorSet}: list entries first (ordinals 0..n-1, in the order
 * given), then STIX indicators. Revoked indicators are left out; indicators that cannot be matched
 * (another pattern language, a pattern that does not parse) are listed in {@link #rejected}.
 */
final class SetCompiler {
    final ExactIndex.Builder exact = new ExactIndex.Builder();
    final RangeIndex.Builder ranges4 = new RangeIndex.Builder(32, false);
    final RangeIndex.Builder ranges6 = new RangeIndex.Builder(128, false);
    final RangeIndex.Builder candidateRanges4 = new RangeIndex.Builder(32, true);
    final RangeIndex.Builder candidateRanges6 = new RangeIndex.Builder(128, true);
    final EntryTable.Builder entries = new EntryTable.Builder();
    final List<IntList> typeOnly = new ArrayList<>();
    final IntList recordLevel = new IntList();
    final List<String> stixIds = new ArrayList<>();
    final List<String> stixPatterns = new ArrayList<>();
    final List<Pattern> fullPatterns = new ArrayList<>();
    final List<String> rejected = new ArrayList<>();

    SetCompiler() {
        for (int i = 0; i < ObservationType.values().length; i++) {
            typeOnly.add(new IntList());
        }
    }

    void entry(IocEntry e) {
        int ordinal = entries.size();
        int posting = ordinal << 2 | ExactIndex.EXACT;
        switch (e.type()) {
            case CIDR4, CIDR6 -> {
                int slash = e.value().indexOf('/');
                String address = e.value().substring(0, slash);
                int prefix = Integer.parseInt(e.value().substring(slash + 1));
                range(e.type() == IocType.CIDR4, address, prefix, ordinal, false);
                entries.addRange(e);
            }
            case DOMAIN -> entries.add(e, exact.add(Kind.DOMAIN, 0,
                    e.value(), e.subdomains() ? posting | ExactIndex.SUBDOMAINS : posting));
            default -> entries.add(e, exact.add(kindOf(e), e.port(), e.value(), posting));
        }
    }

    private static int kindOf(IocEntry e) {
        return switch (e.type()) {
            case IPV4 -> Kind.IPV4;
            case IPV6 -> Kind.IPV6;
            case IP_PORT -> e.value().indexOf(':') >= 0 ? Kind.IPV6_PORT : Kind.IPV4_PORT;
            case URL -> e.value().startsWith("/") ? Kind.URL_PATH
                    : e.value().contains("://") ? Kind.URL : Kind.URL_HOST_PATH;
            case EMAIL -> Kind.EMAIL;
            case MD5 -> Kind.MD5;
            case SHA1 -> Kind.SHA1;
            case SHA256 -> Kind.SHA256;
            case DOMAIN, CIDR4, CIDR6 -> throw new IllegalArgumentException(e.type().label());
        };
    }

    private void range(boolean v4, String address, int prefix, int posting, boolean candidate) {
        if (v4) {
            (candidate ? candidateRanges4 : ranges4).add(0, IpText.ipv4(address, 0, address.length()), prefix, posting);
        } else {
            (candidate ? candidateRanges6 : ranges6)
                    .add(IpText.ipv6(address, 0), IpText.ipv6(address, 1), prefix, posting);
        }
    }

    void stix(StixObject o, int ordinal) {
        if (!"indicator".equals(o.type()) || o.revoked()) {
            return;
        }
        String patternType = o.text("pattern_type").orElse("stix");
        String text = o.text("pattern").orElse(null);
        if (!patternType.equals("stix") || text == null) {
            rejected.add(o.id() + ": pattern_type " + patternType + (text == null ? " without a pattern" : " is not matched"));
            return;
        }
        Pattern pattern;
        try {
            pattern = PatternParser.parse(text);
        } catch (PatternException e) {
            rejected.add(o.id() + ": " + e.getMessage());
            return;
        }
        int stixOrdinal = ordinal + stixIds.size();
        List<PatternKeys.Key> simple = PatternKeys.simple(pattern);
        stixIds.add(o.id());
        stixPatterns.add(text);
        fullPatterns.add(simple == null ? pattern : null);
        for (PatternKeys.Key k : simple != null ? simple : PatternKeys.candidates(pattern)) {
            key(k, stixOrdinal, simple == null);
        }
    }

    private void key(PatternKeys.Key k, int ordinal, boolean candidate) {
        switch (k.kind()) {
            case PatternKeys.RANGE4, PatternKeys.RANGE6 ->
                    range(k.kind() == PatternKeys.RANGE4, k.value(), k.port(), ordinal, candidate);
            case PatternKeys.TYPE_ONLY -> {
                List<ObservationType> types = valueTypes(k.value());
                if (types.isEmpty()) {
                    recordLevel.add(ordinal);
                }
                types.forEach(t -> typeOnly.get(t.ordinal()).add(ordinal));
            }
            default -> exact.add(k.kind(), k.port(), k.value(), ordinal << 2 | k.flags());
        }
    }

    /**
     * The observation types whose value is an object of this STIX type. Adapters emit every value
     * they put in a record as an observation too, so a pattern on {@code file} can only match a
     * record from which an MD5, SHA1, SHA256 or FILE_NAME observation came. Other types
     * ({@code network-traffic}, {@code process}, custom ones) describe whole records: empty.
     */
    static List<ObservationType> valueTypes(String objectType) {
        return switch (objectType) {
            case "domain-name" -> List.of(ObservationType.DOMAIN);
            case "ipv4-addr" -> List.of(ObservationType.IPV4);
            case "ipv6-addr" -> List.of(ObservationType.IPV6);
            case "url" -> List.of(ObservationType.URL);
            case "email-addr" -> List.of(ObservationType.EMAIL);
            case "file" -> List.of(ObservationType.MD5, ObservationType.SHA1, ObservationType.SHA256,
                    ObservationType.FILE_NAME);
            case "x509-certificate" -> List.of(ObservationType.X509_SERIAL, ObservationType.X509_SHA1,
                    ObservationType.X509_SHA256);
            default -> List.of();
        };
    }
}
