package org.threatledger.pattern;

import java.util.Objects;

/**
 * A parsed STIX 2.1 pattern (STIX 2.1 §9): an immutable tree of observation expressions.
 * {@link #toString()} prints canonical pattern text that {@link PatternParser#parse} reads back
 * to an equal {@code Pattern}.
 */
public record Pattern(ObservationExpression expression) {
    public Pattern {
        Objects.requireNonNull(expression, "expression");
    }

    /** Canonical pattern text. */
    @Override
    public String toString() {
        return expression.toString();
    }
}
