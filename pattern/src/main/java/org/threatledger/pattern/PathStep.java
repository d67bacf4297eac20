package org.threatledger.pattern;

import java.util.Objects;
import org.threatledger.stix.Patterns;

/** One step of an {@link ObjectPath} after the object type. */
public sealed interface PathStep {

    /** A property name, dictionary key or extension name; printed quoted when it is not a plain name. */
    record Key(String name) implements PathStep {
        public Key {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String toString() {
            return Printing.isPlainKey(name) ? name : Patterns.quote(name);
        }
    }

    /** {@code [n]}: one element of a list, counted from 0. */
    record Index(int index) implements PathStep {
        public Index {
            if (index < 0) {
                throw new IllegalArgumentException("a list index is 0 or more, got " + index);
            }
        }

        @Override
        public String toString() {
            return "[" + index + "]";
        }
    }

    /** {@code [*]}: any element of a list. */
    record AnyIndex() implements PathStep {
        @Override
        public String toString() {
            return "[*]";
        }
    }
}
