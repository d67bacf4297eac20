package org.threatledger.pattern;

/**
 * Syntax check for the right side of ISSUBSET and ISSUPERSET (STIX 2.1 §9.5: an IPv4 or IPv6
 * address or CIDR block, as a string). Host bits may be set ({@code 192.168.0.1/24}); the matcher
 * masks them. No name resolution ever happens here.
 */
final class Cidrs {
    private Cidrs() {}

    /** True for {@code a.b.c.d}, {@code a.b.c.d/n}, an IPv6 address, or one with {@code /n}. */
    static boolean isAddressOrCidr(String text) {
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        boolean v6 = address.indexOf(':') >= 0;
        if (!(v6 ? isIpv6(address) : isIpv4(address))) {
            return false;
        }
        return slash < 0 || isNumberUpTo(text.substring(slash + 1), v6 ? 128 : 32);
    }

    static boolean isIpv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (!isNumberUpTo(part, 255)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isIpv6(String text) {
        int doubleColon = text.indexOf("::");
        if (doubleColon >= 0 && text.indexOf("::", doubleColon + 1) >= 0) {
            return false;
        }
        String[] groups = text.split(":", -1);
        int count = 0;
        for (int i = 0; i < groups.length; i++) {
            String group = groups[i];
            if (group.isEmpty()) {
                continue; // part of "::" (checked above) or a leading/trailing colon of "::"
            }
            if (i == groups.length - 1 && group.indexOf('.') >= 0) {
                if (!isIpv4(group)) {
                    return false;
                }
                count += 2;
            } else if (group.length() > 4 || !group.chars().allMatch(Cidrs::isHexDigit)) {
                return false;
            } else {
                count++;
            }
        }
        boolean strayColon = (text.startsWith(":") && !text.startsWith("::"))
                || (text.endsWith(":") && !text.endsWith("::"));
        return !strayColon && (doubleColon >= 0 ? count < 8 : count == 8);
    }

    private static boolean isNumberUpTo(String text, int max) {
        if (text.isEmpty() || text.length() > 3 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        return Integer.parseInt(text) <= max;
    }

    private static boolean isHexDigit(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
