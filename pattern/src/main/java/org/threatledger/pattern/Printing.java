package org.threatledger.pattern;

import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

/** Shared canonical-printing rules for the AST records. */
final class Printing {
    /** Upper-case keywords and boolean literals: a key spelled like one must be quoted. */
    static final Set<String> KEYWORDS = Set.of("AND", "OR", "NOT", "FOLLOWEDBY", "LIKE", "MATCHES",
            "ISSUPERSET", "ISSUBSET", "EXISTS", "IN", "START", "STOP", "SECONDS", "WITHIN", "REPEATS",
            "TIMES", "true", "false");

    private Printing() {}

    static <T> List<T> operands(List<T> operands) {
        List<T> copy = List.copyOf(operands);
        if (copy.size() < 2) {
            throw new IllegalArgumentException("needs at least two operands, got " + copy.size());
        }
        return copy;
    }

    /** Binding strength (§9.3): qualified and bracketed bind tightest, then AND, OR, FOLLOWEDBY. */
    static int precedence(ObservationExpression expression) {
        return switch (expression) {
            case ObservationExpression.FollowedBy f -> 1;
            case ObservationExpression.Or o -> 2;
            case ObservationExpression.And a -> 3;
            case ObservationExpression.Qualified q -> 4;
            case ObservationExpression.Observation o -> 4;
        };
    }

    /** Joins operands; an operand that binds no tighter than the operator is parenthesised. */
    static String join(List<ObservationExpression> operands, String operator, ObservationExpression parent) {
        int precedence = precedence(parent);
        StringJoiner joiner = new StringJoiner(operator);
        for (ObservationExpression operand : operands) {
            joiner.add(precedence(operand) <= precedence ? "(" + operand + ")" : operand.toString());
        }
        return joiner.toString();
    }

    /** True when {@code key} can be written without quotes in an object path. */
    static boolean isPlainKey(String key) {
        if (key.isEmpty() || KEYWORDS.contains(key) || !isIdentifierStart(key.charAt(0))) {
            return false;
        }
        for (int i = 1; i < key.length(); i++) {
            char c = key.charAt(i);
            if (!isIdentifierStart(c) && !(c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isIdentifierStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }
}
