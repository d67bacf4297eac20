package org.threatledger.pattern;

import java.util.List;

/**
 * A compiled comparison expression (the inside of one {@code [...]}), true or false for one
 * observed record. All comparisons of one observation expression are tested against the same
 * record, whatever object types their paths name (STIX 2.1 §9.3).
 *
 * <p>STIX 2.1 §9.5 semantics: a path with several values (a list, {@code [*]}) satisfies a
 * comparison when any one value does; {@code NOT} negates the operator for each value; a value
 * whose type does not compare with the constant counts for neither side, so a missing property or
 * a string compared with an integer never matches, with or without {@code NOT} ({@code !=}
 * included).
 */
sealed interface Condition {

    boolean holds(Observed record);

    static Condition of(ComparisonExpression expression) {
        return switch (expression) {
            case ComparisonExpression.And and -> new All(and.operands().stream().map(Condition::of).toArray(Condition[]::new));
            case ComparisonExpression.Or or -> new Any(or.operands().stream().map(Condition::of).toArray(Condition[]::new));
            case ComparisonExpression.Exists exists -> new Exists(exists.path());
            case ComparisonExpression.Comparison c ->
                    new Compare(c.path(), ValueTest.of(c.operator(), c.value()), c.negated(), encoding(c.path()));
        };
    }

    /** {@code *_hex} and {@code *_bin} properties hold binary as text (STIX 2.1 §2.3, §2.6). */
    private static Constant.Encoding encoding(ObjectPath path) {
        String name = null;
        for (PathStep step : path.steps()) {
            if (step instanceof PathStep.Key key) {
                name = key.name();
            }
        }
        if (name != null && name.endsWith("_hex")) {
            return Constant.Encoding.HEX;
        }
        return name != null && name.endsWith("_bin") ? Constant.Encoding.BASE64 : Constant.Encoding.TEXT;
    }

    record Compare(ObjectPath path, ValueTest test, boolean negated, Constant.Encoding encoding) implements Condition {
        @Override
        public boolean holds(Observed record) {
            List<Object> values = record.values(path);
            for (int i = 0, n = values.size(); i < n; i++) {
                int answer = test.test(values.get(i), encoding);
                if (answer != ValueTest.INCOMPARABLE && (answer == ValueTest.TRUE) != negated) {
                    return true;
                }
            }
            return false;
        }
    }

    record Exists(ObjectPath path) implements Condition {
        @Override
        public boolean holds(Observed record) {
            return !record.values(path).isEmpty();
        }
    }

    record All(Condition[] operands) implements Condition {
        @Override
        public boolean holds(Observed record) {
            for (Condition operand : operands) {
                if (!operand.holds(record)) {
                    return false;
                }
            }
            return true;
        }
    }

    record Any(Condition[] operands) implements Condition {
        @Override
        public boolean holds(Observed record) {
            for (Condition operand : operands) {
                if (operand.holds(record)) {
                    return true;
                }
            }
            return false;
        }
    }
}
