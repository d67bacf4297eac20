/*
 * STIX 2.1 patterning language (STIX 2.1 specification section 9), written for ThreatLedger from
 * the specification text.
 *
 * Design: the grammar is deliberately loose where a precise message helps the user more than a
 * generic syntax error. Literal contents (escapes, timestamps, base64, hex), operator/operand
 * compatibility (IN needs a set, LIKE needs a string ...), qualifier numbers and names are all
 * checked after parsing, by AstBuilder, which reports the exact column and reason.
 *
 * Precedence (section 9.3, tightest first): qualifiers, observation AND, observation OR,
 * FOLLOWEDBY; inside brackets comparison AND binds tighter than comparison OR.
 * Keywords are case-sensitive upper case; true and false are lower case.
 */
grammar StixPattern;

pattern
    : followedBy EOF
    ;

followedBy
    : observationOr (FOLLOWEDBY observationOr)*
    ;

observationOr
    : observationAnd (OR observationAnd)*
    ;

observationAnd
    : qualified (AND qualified)*
    ;

qualified
    : observationAtom qualifier*
    ;

observationAtom
    : LBRACK comparisonOr RBRACK                          # bracketed
    | LPAREN followedBy RPAREN                            # grouped
    ;

qualifier
    : WITHIN seconds=number SECONDS                       # within
    | REPEATS times=number TIMES                          # repeats
    | START from=TimestampLiteral STOP until=TimestampLiteral # startStop
    ;

number
    : IntLiteral
    | FloatLiteral
    ;

comparisonOr
    : comparisonAnd (OR comparisonAnd)*
    ;

comparisonAnd
    : test (AND test)*
    ;

test
    : objectPath NOT? operator value                      # compare
    | EXISTS objectPath                                   # exists
    | LPAREN comparisonOr RPAREN                          # nested
    ;

operator
    : EQ | NEQ | LT | LE | GT | GE | IN | LIKE | MATCHES | ISSUBSET | ISSUPERSET
    ;

value
    : primitive                                           # single
    | LPAREN (primitive (COMMA primitive)*)? RPAREN       # set
    ;

primitive
    : StringLiteral
    | IntLiteral
    | FloatLiteral
    | BoolLiteral
    | TimestampLiteral
    | BinaryLiteral
    | HexLiteral
    ;

objectPath
    : objectType=typeName COLON first=key step*
    ;

// A type name is any name, even one spelled like the boolean literals (a legal, if odd, type).
typeName
    : name
    | BoolLiteral
    ;

step
    : DOT key                                             # keyStep
    | LBRACK index=IntLiteral RBRACK                      # indexStep
    | LBRACK ASTERISK RBRACK                              # anyStep
    ;

key
    : name
    | StringLiteral
    ;

name
    : Identifier
    | HyphenIdentifier
    ;

AND        : 'AND' ;
OR         : 'OR' ;
NOT        : 'NOT' ;
FOLLOWEDBY : 'FOLLOWEDBY' ;
LIKE       : 'LIKE' ;
MATCHES    : 'MATCHES' ;
ISSUPERSET : 'ISSUPERSET' ;
ISSUBSET   : 'ISSUBSET' ;
EXISTS     : 'EXISTS' ;
IN         : 'IN' ;
START      : 'START' ;
STOP       : 'STOP' ;
SECONDS    : 'SECONDS' ;
WITHIN     : 'WITHIN' ;
REPEATS    : 'REPEATS' ;
TIMES      : 'TIMES' ;
BoolLiteral : 'true' | 'false' ;

// Prefixed literals: the body is checked by AstBuilder, so a bad timestamp or base64 value is
// reported as such rather than as an unexpected character.
TimestampLiteral : 't\'' ~['\\\r\n]* '\'' ;
BinaryLiteral    : 'b\'' ~['\\\r\n]* '\'' ;
HexLiteral       : 'h\'' ~['\\\r\n]* '\'' ;
// Section 9.4: only \' and \\ are escapes; any other backslash sequence is rejected by AstBuilder.
StringLiteral    : '\'' ( ~['\\] | '\\' . )* '\'' ;

FloatLiteral : [+-]? [0-9]* '.' [0-9]+ ;
IntLiteral   : [+-]? ( '0' | [1-9] [0-9]* ) ;

Identifier       : [a-zA-Z_] [a-zA-Z0-9_]* ;
HyphenIdentifier : [a-zA-Z_] [a-zA-Z0-9_-]* ;

EQ  : '=' | '==' ;
NEQ : '!=' | '<>' ;
LE  : '<=' ;
LT  : '<' ;
GE  : '>=' ;
GT  : '>' ;

COLON    : ':' ;
DOT      : '.' ;
COMMA    : ',' ;
LPAREN   : '(' ;
RPAREN   : ')' ;
LBRACK   : '[' ;
RBRACK   : ']' ;
ASTERISK : '*' ;

WS           : [ \t\r\n\f]+ -> skip ;
COMMENT      : '/*' .*? '*/' -> skip ;
LINE_COMMENT : '//' ~[\r\n]* -> skip ;
