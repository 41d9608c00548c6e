// EddySQL: lexer, parser, AST and formatter for ksqlDB's SQL dialect.
// Entry points: `SQLParser` (parse), `VariableSubstitution` (${var}), `SQLFormatter` (print back).
