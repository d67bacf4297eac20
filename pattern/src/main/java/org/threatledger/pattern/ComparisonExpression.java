package org.threatledger.pattern;

import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * A comparison expression inside brackets (STIX 2.1 §9.3): comparisons combined with AND (binds
 * tighter) and OR. As with observation expressions, a parenthesised operand of the same kind stays
 * a nested node.
 */
public sealed interface ComparisonExpression {

    /** {@code a AND b}: every operand holds on the same observation. */
    record And(List<ComparisonExpression> operands) implements ComparisonExpression {
        public And {
            operands = Printing.operands(operands);
        }

        @Override
        public String toString() {
            StringJoiner joiner = new StringJoiner(" AND ");
            for (ComparisonExpression operand : operands) {
                boolean wrap = operand instanceof And || operand instanceof Or;
                joiner.add(wrap ? "(" + operand + ")" : operand.toString());
            }
            return joiner.toString();
        }
    }

    /** {@code a OR b}: at least one operand holds. */
    record Or(List<ComparisonExpression> operands) implements ComparisonExpression {
        public Or {
            operands = Printing.operands(operands);
        }

        @Override
        public String toString() {
            StringJoiner joiner = new StringJoiner(" OR ");
            for (ComparisonExpression operand : operands) {
                joiner.add(operand instanceof Or ? "(" + operand + ")" : operand.toString());
            }
            return joiner.toString();
        }
    }

    /** {@code path [NOT] operator value}. {@code negated} is the spec's {@code NOT} prefix (§9.5). */
    record Comparison(ObjectPath path, Operator operator, boolean negated, Literal value)
            implements ComparisonExpression {
        public Comparison {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(operator, "operator");
            Objects.requireNonNull(value, "value");
            if ((operator == Operator.IN) != (value instanceof Literal.SetLiteral)) {
                throw new IllegalArgumentException("IN, and only IN, takes a set: " + operator + " " + value);
            }
        }

        @Override
        public String toString() {
            return path + (negated ? " NOT " : " ") + operator.symbol() + " " + value;
        }
    }

    /** {@code EXISTS path}: the property is present on the object. */
    record Exists(ObjectPath path) implements ComparisonExpression {
        public Exists {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String toString() {
            return "EXISTS " + path;
        }
    }
}
