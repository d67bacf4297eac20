package org.threatledger.pattern;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.threatledger.pattern.grammar.StixPatternParser;
import org.threatledger.pattern.grammar.StixPatternParser.*;
import org.threatledger.stix.Timestamps;

/**
 * Builds the immutable AST from ANTLR's parse tree and applies the semantic rules of STIX 2.1 §9
 * that the grammar leaves loose on purpose, each failing with the column of the offending token:
 * object type and property names (§3.1), literal forms (§9.4), operand types (§9.5), qualifier
 * numbers and START before STOP (§9.3), and MATCHES regexes, which must compile under RE2/J so a
 * pattern can never make matching super-linear.
 */
final class AstBuilder {
    private static final java.util.regex.Pattern TYPE_NAME =
            java.util.regex.Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    private static final java.util.regex.Pattern PROPERTY_NAME = java.util.regex.Pattern.compile("[a-zA-Z0-9_]+");
    private static final int MAX_NAME = 250;
    /** A longer chain of qualifiers on one expression is never meaningful and only deepens the tree. */
    static final int MAX_QUALIFIERS = 10;

    Pattern pattern(PatternContext ctx) {
        return new Pattern(followedBy(ctx.followedBy()));
    }

    private ObservationExpression followedBy(FollowedByContext ctx) {
        return chain(ctx.observationOr(), this::observationOr, ObservationExpression.FollowedBy::new);
    }

    private ObservationExpression observationOr(ObservationOrContext ctx) {
        return chain(ctx.observationAnd(), this::observationAnd, ObservationExpression.Or::new);
    }

    private ObservationExpression observationAnd(ObservationAndContext ctx) {
        return chain(ctx.qualified(), this::qualified, ObservationExpression.And::new);
    }

    private ObservationExpression qualified(QualifiedContext ctx) {
        ObservationExpression expression = switch (ctx.observationAtom()) {
            case BracketedContext b -> new ObservationExpression.Observation(comparisonOr(b.comparisonOr()));
            case GroupedContext g -> followedBy(g.followedBy());
            default -> throw unexpectedTree(ctx);
        };
        if (ctx.qualifier().size() > MAX_QUALIFIERS) {
            throw error("more than " + MAX_QUALIFIERS + " qualifiers on one observation expression",
                    ctx.qualifier(MAX_QUALIFIERS).getStart(), "");
        }
        for (QualifierContext q : ctx.qualifier()) {
            expression = new ObservationExpression.Qualified(expression, qualifier(q));
        }
        return expression;
    }

    private Qualifier qualifier(QualifierContext ctx) {
        return switch (ctx) {
            case WithinContext w -> new Qualifier.Within(seconds(w.seconds));
            case RepeatsContext r -> new Qualifier.Repeats(times(r.times));
            case StartStopContext s -> startStop(s);
            default -> throw unexpectedTree(ctx);
        };
    }

    private static BigDecimal seconds(NumberContext ctx) {
        BigDecimal seconds = new BigDecimal(ctx.getText());
        if (seconds.signum() <= 0) {
            throw error("WITHIN needs a positive number of seconds", ctx.getStart(), "found " + ctx.getText());
        }
        return seconds;
    }

    private static int times(NumberContext ctx) {
        Token token = ctx.getStart();
        try {
            int times = token.getType() == StixPatternParser.IntLiteral ? Integer.parseInt(token.getText()) : 0;
            if (times > 0) {
                return times;
            }
        } catch (NumberFormatException e) {
            // out of int range: reported below like any other bad count
        }
        throw error("REPEATS needs a positive whole number of times", token, "found " + token.getText());
    }

    private static Qualifier startStop(StartStopContext ctx) {
        Instant start = timestamp(ctx.from);
        Instant stop = timestamp(ctx.until);
        if (!start.isBefore(stop)) {
            throw error("START must be before STOP", ctx.getStart(), "found START " + ctx.from.getText()
                    + " STOP " + ctx.until.getText());
        }
        return new Qualifier.StartStop(start, stop);
    }

    private ComparisonExpression comparisonOr(ComparisonOrContext ctx) {
        return chain(ctx.comparisonAnd(), this::comparisonAnd, ComparisonExpression.Or::new);
    }

    private ComparisonExpression comparisonAnd(ComparisonAndContext ctx) {
        return chain(ctx.test(), this::test, ComparisonExpression.And::new);
    }

    private ComparisonExpression test(TestContext ctx) {
        return switch (ctx) {
            case CompareContext c -> comparison(c);
            case ExistsContext e -> new ComparisonExpression.Exists(objectPath(e.objectPath()));
            case NestedContext n -> comparisonOr(n.comparisonOr());
            default -> throw unexpectedTree(ctx);
        };
    }

    private ComparisonExpression comparison(CompareContext ctx) {
        ObjectPath path = objectPath(ctx.objectPath());
        Token opToken = ctx.operator().getStart();
        Operator operator = operator(opToken);
        Literal value = value(ctx.value());
        Token at = ctx.value().getStart();
        String op = "'" + operator.symbol() + "'";
        if (operator == Operator.IN && !(value instanceof Literal.SetLiteral)) {
            throw error("IN needs a set of values such as ('a', 'b')", at, "found " + ctx.value().getText());
        }
        if (operator != Operator.IN && value instanceof Literal.SetLiteral) {
            throw error("only IN takes a set of values", at, "found " + op);
        }
        if (operator.needsString() && !(value instanceof Literal.StringLiteral)) {
            String what = operator == Operator.IS_SUBSET || operator == Operator.IS_SUPERSET
                    ? "a string holding a CIDR such as '198.51.100.0/24'" : "a string";
            throw error(op + " needs " + what, at, "found " + ctx.value().getText());
        }
        if ((operator == Operator.IS_SUBSET || operator == Operator.IS_SUPERSET)
                && !Cidrs.isAddressOrCidr(((Literal.StringLiteral) value).value())) {
            throw error(op + " needs an IP address or CIDR", at, "found " + ctx.value().getText());
        }
        if (operator.isOrdering() && value instanceof Literal.BooleanLiteral) {
            throw error(op + " cannot compare a boolean", at, "");
        }
        if (operator == Operator.MATCHES) {
            checkRegex(((Literal.StringLiteral) value).value(), at);
        }
        return new ComparisonExpression.Comparison(path, operator, ctx.NOT() != null, value);
    }

    private static Operator operator(Token token) {
        return switch (token.getType()) {
            case StixPatternParser.EQ -> Operator.EQUAL;
            case StixPatternParser.NEQ -> Operator.NOT_EQUAL;
            case StixPatternParser.LT -> Operator.LESS;
            case StixPatternParser.LE -> Operator.LESS_OR_EQUAL;
            case StixPatternParser.GT -> Operator.GREATER;
            case StixPatternParser.GE -> Operator.GREATER_OR_EQUAL;
            case StixPatternParser.IN -> Operator.IN;
            case StixPatternParser.LIKE -> Operator.LIKE;
            case StixPatternParser.MATCHES -> Operator.MATCHES;
            case StixPatternParser.ISSUBSET -> Operator.IS_SUBSET;
            case StixPatternParser.ISSUPERSET -> Operator.IS_SUPERSET;
            default -> throw error("unknown operator", token, "found '" + token.getText() + "'");
        };
    }

    private static void checkRegex(String regex, Token at) {
        try {
            com.google.re2j.Pattern.compile(regex);
        } catch (com.google.re2j.PatternSyntaxException e) {
            throw error("invalid regular expression for MATCHES", at, e.getMessage() + " (RE2 syntax)");
        }
    }

    private static Literal value(ValueContext ctx) {
        return switch (ctx) {
            case SingleContext s -> primitive(s.primitive().getStart());
            case SetContext s -> new Literal.SetLiteral(s.primitive().stream()
                    .map(p -> primitive(p.getStart())).toList());
            default -> throw unexpectedTree(ctx);
        };
    }

    private static Literal primitive(Token token) {
        String text = token.getText();
        return switch (token.getType()) {
            case StixPatternParser.StringLiteral -> new Literal.StringLiteral(unquote(token));
            case StixPatternParser.IntLiteral -> new Literal.IntegerLiteral(integer(token));
            case StixPatternParser.FloatLiteral -> new Literal.FloatLiteral(floating(token));
            case StixPatternParser.BoolLiteral -> new Literal.BooleanLiteral(text.equals("true"));
            case StixPatternParser.TimestampLiteral -> new Literal.TimestampLiteral(timestamp(token));
            case StixPatternParser.BinaryLiteral -> binary(token);
            case StixPatternParser.HexLiteral -> hex(token);
            default -> throw error("expected a value", token, "found '" + text + "'");
        };
    }

    private static long integer(Token token) {
        try {
            return Long.parseLong(token.getText());
        } catch (NumberFormatException e) {
            throw error("integer out of range", token, "found " + token.getText());
        }
    }

    private static double floating(Token token) {
        double value = Double.parseDouble(token.getText());
        if (!Double.isFinite(value)) {
            throw error("number out of range", token, "found " + token.getText());
        }
        return value;
    }

    private static Instant timestamp(Token token) {
        String body = body(token);
        return Timestamps.tryParse(body).orElseThrow(() -> error("invalid timestamp", token,
                "found " + token.getText() + ", expected t'YYYY-MM-DDThh:mm:ss[.fraction]Z' (STIX 2.1 §3.2)"));
    }

    private static Literal binary(Token token) {
        String body = body(token);
        if (!Literal.BinaryLiteral.isBase64(body)) {
            throw error("invalid binary literal", token, "found " + token.getText() + ", expected padded base64");
        }
        return new Literal.BinaryLiteral(body);
    }

    private static Literal hex(Token token) {
        String body = body(token);
        if (!Literal.HexLiteral.isHex(body)) {
            throw error("invalid hex literal", token, "found " + token.getText()
                    + ", expected an even number of hex digits");
        }
        return new Literal.HexLiteral(body);
    }

    /** The text between the quotes of {@code t'...'}, {@code b'...'} or {@code h'...'}. */
    private static String body(Token token) {
        String text = token.getText();
        return text.substring(2, text.length() - 1);
    }

    /** §9.4: inside a string only {@code \'} and {@code \\} are escapes. */
    private static String unquote(Token token) {
        String text = token.getText();
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 1; i < text.length() - 1; i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                char next = text.charAt(++i);
                if (next != '\\' && next != '\'') {
                    throw new PatternException("invalid escape '\\" + next + "' in string",
                            token.getStartIndex() + i, "only \\' and \\\\ are escapes (STIX 2.1 §9.4)");
                }
                c = next;
            }
            sb.append(c);
        }
        return sb.toString();
    }

    private static ObjectPath objectPath(ObjectPathContext ctx) {
        Token typeToken = ctx.objectType.getStart();
        String type = typeToken.getText();
        if (type.length() < 3 || type.length() > MAX_NAME || !TYPE_NAME.matcher(type).matches()) {
            throw error("invalid object type '" + type + "'", typeToken,
                    "expected 3 to 250 lower-case letters, digits and hyphens, e.g. 'ipv4-addr' or 'x-custom' (STIX 2.1 §3.1)");
        }
        List<PathStep> steps = new ArrayList<>();
        String property = key(ctx.first);
        if (property.length() > MAX_NAME || !PROPERTY_NAME.matcher(property).matches()) {
            throw error("invalid property name '" + property + "'", ctx.first.getStart(),
                    "expected letters, digits and underscores (STIX 2.1 §3.1)");
        }
        steps.add(new PathStep.Key(property));
        for (StepContext step : ctx.step()) {
            steps.add(switch (step) {
                case KeyStepContext k -> new PathStep.Key(key(k.key()));
                case IndexStepContext i -> new PathStep.Index(index(i.index));
                case AnyStepContext a -> new PathStep.AnyIndex();
                default -> throw unexpectedTree(step);
            });
        }
        return new ObjectPath(type, steps);
    }

    private static String key(KeyContext ctx) {
        Token token = ctx.getStart();
        String key = token.getType() == StixPatternParser.StringLiteral ? unquote(token) : token.getText();
        if (key.isEmpty()) {
            throw error("empty key in object path", token, "");
        }
        return key;
    }

    private static int index(Token token) {
        try {
            int index = Integer.parseInt(token.getText());
            if (index >= 0) {
                return index;
            }
        } catch (NumberFormatException e) {
            // out of int range: reported below
        }
        throw error("list index must be 0 or more, or *", token, "found " + token.getText());
    }

    /** One operand stays itself; two or more become the n-ary node. */
    private static <C, T> T chain(List<C> contexts, Function<C, T> each, Function<List<T>, T> combine) {
        if (contexts.size() == 1) {
            return each.apply(contexts.getFirst());
        }
        return combine.apply(contexts.stream().map(each).toList());
    }

    private static PatternException error(String reason, Token token, String detail) {
        return new PatternException(reason, token.getStartIndex() + 1, detail);
    }

    private static IllegalStateException unexpectedTree(ParserRuleContext ctx) {
        return new IllegalStateException("grammar and AstBuilder disagree at " + ctx.getClass().getSimpleName());
    }
}
