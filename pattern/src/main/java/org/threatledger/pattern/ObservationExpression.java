package org.threatledger.pattern;

import java.util.List;
import java.util.Objects;

/**
 * An observation expression (STIX 2.1 §9.3): one bracketed comparison expression, a combination
 * of observation expressions, or one with a qualifier. The n-ary {@link And}, {@link Or} and
 * {@link FollowedBy} hold a flat chain ({@code a AND b AND c}); a parenthesised operand of the same
 * kind stays a nested node, so printing and parsing again gives an equal tree.
 */
public sealed interface ObservationExpression {

    /** {@code [comparison]}: the comparisons must all hold on one observation. */
    record Observation(ComparisonExpression comparison) implements ObservationExpression {
        public Observation {
            Objects.requireNonNull(comparison, "comparison");
        }

        @Override
        public String toString() {
            return "[" + comparison + "]";
        }
    }

    /** {@code a AND b}: every operand is matched, each by its own observation. */
    record And(List<ObservationExpression> operands) implements ObservationExpression {
        public And {
            operands = Printing.operands(operands);
        }

        @Override
        public String toString() {
            return Printing.join(operands, " AND ", this);
        }
    }

    /** {@code a OR b}: at least one operand is matched. */
    record Or(List<ObservationExpression> operands) implements ObservationExpression {
        public Or {
            operands = Printing.operands(operands);
        }

        @Override
        public String toString() {
            return Printing.join(operands, " OR ", this);
        }
    }

    /** {@code a FOLLOWEDBY b}: the operands are matched in this order in time. */
    record FollowedBy(List<ObservationExpression> operands) implements ObservationExpression {
        public FollowedBy {
            operands = Printing.operands(operands);
        }

        @Override
        public String toString() {
            return Printing.join(operands, " FOLLOWEDBY ", this);
        }
    }

    /** An expression restricted by a qualifier ({@code WITHIN}, {@code REPEATS}, {@code START/STOP}). */
    record Qualified(ObservationExpression expression, Qualifier qualifier) implements ObservationExpression {
        public Qualified {
            Objects.requireNonNull(expression, "expression");
            Objects.requireNonNull(qualifier, "qualifier");
        }

        @Override
        public String toString() {
            boolean group = Printing.precedence(expression) < Printing.precedence(this);
            String inner = group ? "(" + expression + ")" : expression.toString();
            return inner + " " + qualifier;
        }
    }
}
