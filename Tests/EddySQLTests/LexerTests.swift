import EddyCore
import Testing
@testable import EddySQL

@Suite struct LexerTests {
    private func kinds(_ text: String) -> [Token.Kind] { Lexer.tokenize(text).map(\.kind) }
    private func texts(_ text: String) -> [String] { Lexer.tokenize(text).dropLast().map(\.text) }

    @Test func wordsAreUpperCasedAndQuotedNamesKeepCase() {
        let tokens = Lexer.tokenize("select `MiXed` \"dq\" foo_1@x")
        #expect(tokens.map(\.kind) == [.word, .backQuotedIdentifier, .quotedIdentifier, .word, .endOfInput])
        #expect(tokens.map(\.text) == ["SELECT", "MiXed", "dq", "FOO_1@X", "<EOF>"])
    }

    @Test func doubledQuotesEscape() {
        #expect(texts("'it''s' `a``b` \"c\"\"d\"") == ["it's", "a`b", "c\"d"])
    }

    @Test(arguments: [
        ("1", Token.Kind.integer), ("123", .integer), ("1.5", .decimal), (".5", .decimal), ("5.", .decimal),
        ("1E3", .float), ("1.5e-2", .float), (".5E+1", .float), ("1A", .digitIdentifier), ("1E3X", .digitIdentifier),
        ("12_B", .digitIdentifier),
    ])
    func numbersUseLongestMatch(_ input: String, _ kind: Token.Kind) {
        let tokens = Lexer.tokenize(input)
        #expect(tokens.count == 2)
        #expect(tokens.first?.kind == kind)
    }

    @Test func exponentWithoutDigitsIsNotAFloat() {
        // `1E` is DIGIT_IDENTIFIER; `1.5E` is a decimal followed by a word.
        #expect(kinds("1E") == [.digitIdentifier, .endOfInput])
        #expect(kinds("1.5E") == [.decimal, .word, .endOfInput])
    }

    @Test func operators() {
        #expect(texts("a->b => c := d <> e != f <= g >= h || i :: j") ==
            ["A", "->", "B", "=>", "C", ":=", "D", "<>", "E", "!=", "F", "<=", "G", ">=", "H", "||", "I", ":", ":", "J"])
    }

    @Test func commentsAndWhitespaceAreSkipped() {
        let text = "-- line comment\nSELECT /* block\ncomment */ 1 --@directive\n;"
        #expect(texts(text) == ["SELECT", "1", ";"])
    }

    @Test func locationsAreLineAndColumn() {
        let tokens = Lexer.tokenize("SELECT\n  a,\n\tbé, c")
        let locs = tokens.map { "\($0.location.line):\($0.location.column)" }
        // `é` is not a LETTER, so it is its own (unrecognized) one-column token after `B`.
        #expect(locs == ["1:1", "2:3", "2:4", "3:2", "3:3", "3:4", "3:6", "3:7"])
    }

    @Test func variables() {
        let tokens = Lexer.tokenize("${myVar} ${ bad}")
        #expect(tokens.first?.kind == .variable)
        #expect(tokens.first?.text == "myVar")
        #expect(tokens[1].kind == .unrecognized)
    }

    @Test func unterminatedQuotesAreUnrecognized() {
        #expect(kinds("'abc") == [.unrecognized, .word, .endOfInput])
        #expect(kinds("`abc")[0] == .unrecognized)
    }

    @Test func unclosedBlockCommentIsNotAComment() {
        #expect(texts("/* x") == ["/", "*", "X"])
    }

    @Test func otherCharactersAreUnrecognizedWholeCharacters() {
        let tokens = Lexer.tokenize("# é")
        #expect(tokens.map(\.kind) == [.unrecognized, .unrecognized, .endOfInput])
        #expect(tokens[1].text == "é")
    }
}
