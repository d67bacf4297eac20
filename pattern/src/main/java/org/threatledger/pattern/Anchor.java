package org.threatledger.pattern;

import java.util.Objects;

/**
 * One way into a pattern for the matcher: an observation can only match the pattern if it matches
 * at least one of the pattern's anchors (see {@link Anchors}).
 */
public sealed interface Anchor {

    /** The STIX cyber-observable type the anchor applies to. */
    String objectType();

    /** {@code path = value}: look the pattern up by this exact value. */
    record Equality(ObjectPath path, Literal value) implements Anchor {
        public Equality {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String objectType() {
            return path.objectType();
        }
    }

    /** {@code path ISSUBSET 'cidr'}: look the pattern up by address range (the CIDR is not yet validated). */
    record Subnet(ObjectPath path, String cidr) implements Anchor {
        public Subnet {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(cidr, "cidr");
        }

        @Override
        public String objectType() {
            return path.objectType();
        }
    }

    /** No usable value: the pattern must be evaluated on every observation of this type. */
    record TypeOnly(String objectType) implements Anchor {
        public TypeOnly {
            Objects.requireNonNull(objectType, "objectType");
        }
    }
}
