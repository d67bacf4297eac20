package org.threatledger.pattern;

/** The comparison operators of STIX 2.1 §9.5 (EXISTS is its own node, {@link ComparisonExpression.Exists}). */
public enum Operator {
    EQUAL("="),
    NOT_EQUAL("!="),
    LESS("<"),
    LESS_OR_EQUAL("<="),
    GREATER(">"),
    GREATER_OR_EQUAL(">="),
    IN("IN"),
    LIKE("LIKE"),
    MATCHES("MATCHES"),
    IS_SUBSET("ISSUBSET"),
    IS_SUPERSET("ISSUPERSET");

    private final String symbol;

    Operator(String symbol) {
        this.symbol = symbol;
    }

    /** The operator as written in canonical pattern text. */
    public String symbol() {
        return symbol;
    }

    /** True for the operators whose right side must be a string literal. */
    public boolean needsString() {
        return this == LIKE || this == MATCHES || this == IS_SUBSET || this == IS_SUPERSET;
    }

    /** True for the ordering operators, which cannot compare booleans. */
    public boolean isOrdering() {
        return this == LESS || this == LESS_OR_EQUAL || this == GREATER || this == GREATER_OR_EQUAL;
    }
}
