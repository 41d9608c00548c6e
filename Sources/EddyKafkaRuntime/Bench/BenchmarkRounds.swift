/// The phases of one benchmark round, and the median summary of several.
extension Benchmark {
    struct Round {
        var phases: [Phase] = []
        var raw: Phase?
        var csas: Phase?
        var windowed: Phase?

        /// (b)'s rate over (a)'s, both measured in this round.
        var ratio: Double? {
            guard let raw, let csas, raw.messagesPerSecond > 0 else { return nil }
            return csas.messagesPerSecond / raw.messagesPerSecond
        }
    }

    /// The median of each phase's rate, and of the per-round (b)/(a) ratios: a ratio is taken
    /// within a round, where (a) and (b) ran back to back under the same load.
    static func summary(_ rounds: [Round]) -> String {
        func rates(_ phase: KeyPath<Round, Phase?>) -> [Double] { rounds.compactMap { $0[keyPath: phase]?.messagesPerSecond } }
        var parts: [String] = []
        for (label, phase) in [("(a)", \Round.raw), ("(b)", \Round.csas), ("(c)", \Round.windowed)] {
            let r = rates(phase)
            guard let m = median(r) else { continue }
            parts.append("\(label) \(Int(m.rounded())) msgs/s [\(r.map { String(Int($0.rounded())) }.joined(separator: ", "))]")
        }
        let ratios = rounds.compactMap(\.ratio)
        if let m = median(ratios) {
            parts.append("ratio (b)/(a) \(fixed(m, 2)) [\(ratios.map { fixed($0, 2) }.joined(separator: ", "))]")
        }
        return "median of \(rounds.count) rounds: " + parts.joined(separator: "; ")
    }

    /// The middle value, or the mean of the middle two.
    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted(), mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }
}
