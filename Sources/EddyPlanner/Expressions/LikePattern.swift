/// SQL LIKE matching: `%` any run, `_` one character, with an optional escape character.
/// Case-sensitive, as in ksqlDB. Compiled once per constant pattern.
struct LikePattern: Sendable {
    enum Token: Sendable, Equatable {
        case literal(Character)
        case one
        case any
    }

    let tokens: [Token]

    init(_ pattern: String, escape: Character?) {
        var out: [Token] = []
        var escaped = false
        for c in pattern {
            if escaped {
                out.append(.literal(c))
                escaped = false
            } else if let e = escape, c == e {
                escaped = true
            } else if c == "%" {
                if out.last != .any { out.append(.any) }
            } else if c == "_" {
                out.append(.one)
            } else {
                out.append(.literal(c))
            }
        }
        tokens = out
    }

    func matches(_ s: String) -> Bool {
        let chars = Array(s)
        // Iterative wildcard matching with backtracking to the last `%`: linear in practice.
        var si = 0, ti = 0
        var starTi = -1, starSi = 0
        while si < chars.count {
            if ti < tokens.count {
                switch tokens[ti] {
                case .literal(let c) where c == chars[si]:
                    si += 1; ti += 1; continue
                case .one:
                    si += 1; ti += 1; continue
                case .any:
                    starTi = ti; starSi = si; ti += 1; continue
                default:
                    break
                }
            }
            if starTi >= 0 {
                ti = starTi + 1
                starSi += 1
                si = starSi
            } else {
                return false
            }
        }
        while ti < tokens.count, tokens[ti] == .any { ti += 1 }
        return ti == tokens.count
    }
}
