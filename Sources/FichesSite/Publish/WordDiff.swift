/// The words two texts differ by, as a reader of a change wants to see them:
/// what was removed and what was added, with a few words around each change
/// (« … une fois par [-mois-] {+semaine+}, pendant deux … »).
public enum WordDiff {
    public enum Piece: Sendable, Equatable {
        case same([String])
        case removed([String])
        case added([String])
        /// Unchanged words left out.
        case gap
        /// Texts too long to compare word by word, with their counts of words.
        case rewritten(Int, Int)
    }

    /// Words kept around each change.
    public static let context = 4
    /// Words shown of a long removed or added run.
    static let runShown = 12
    /// Past this many word pairs the texts are not compared word by word.
    static let largest = 4_000_000

    /// From `a` to `b`: the changed runs, `context` unchanged words around them, gaps for the rest.
    public static func pieces(_ a: [String], _ b: [String], context: Int = context) -> [Piece] {
        guard a.count * b.count <= largest else { return [.rewritten(a.count, b.count)] }
        // The longest common subsequence, from the end: `lengths[i][j]` for a[i...] and b[j...].
        var lengths = [[Int32]](repeating: [Int32](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                lengths[i][j] = a[i] == b[j] ? lengths[i + 1][j + 1] + 1 : max(lengths[i + 1][j], lengths[i][j + 1])
            }
        }
        var runs: [Piece] = []
        func add(_ piece: Piece) {
            switch (runs.last, piece) {
            case (.same(let x)?, .same(let y)): runs[runs.count - 1] = .same(x + y)
            case (.removed(let x)?, .removed(let y)): runs[runs.count - 1] = .removed(x + y)
            case (.added(let x)?, .added(let y)): runs[runs.count - 1] = .added(x + y)
            default: runs.append(piece)
            }
        }
        var (i, j) = (0, 0)
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                add(.same([a[i]]))
                (i, j) = (i + 1, j + 1)
            } else if i < a.count, j == b.count || lengths[i + 1][j] >= lengths[i][j + 1] {
                // What goes before what comes, at one place.
                add(.removed([a[i]]))
                i += 1
            } else {
                add(.added([b[j]]))
                j += 1
            }
        }
        // The unchanged runs cut down to their context.
        var pieces: [Piece] = []
        for (index, run) in runs.enumerated() {
            guard case .same(let words) = run else {
                pieces.append(run)
                continue
            }
            let before = index > 0 ? context : 0
            let after = index + 1 < runs.count ? context : 0
            if words.count <= before + after {
                pieces.append(run)
                continue
            }
            if before > 0 { pieces.append(.same(Array(words.prefix(before)))) }
            pieces.append(.gap)
            if after > 0 { pieces.append(.same(Array(words.suffix(after)))) }
        }
        return pieces
    }

    /// For the terminal: `[-removed-]` and `{+added+}`, as `git diff --word-diff` writes them.
    static func text(_ pieces: [Piece]) -> String {
        show(pieces) { kind, words in kind == .added ? "{+\(words)+}" : "[-\(words)-]" }
    }

    /// For Markdown: removed words struck through, added ones in bold.
    static func markdown(_ pieces: [Piece]) -> String {
        show(pieces, escape: escapeMarkdown) { kind, words in kind == .added ? "**\(words)**" : "~~\(words)~~" }
    }

    private enum Kind { case removed, added }

    private static func show(
        _ pieces: [Piece], escape: (String) -> String = { $0 }, mark: (Kind, String) -> String
    ) -> String {
        func run(_ words: [String]) -> String {
            let shown = words.prefix(runShown).map(escape).joined(separator: " ")
            return words.count > runShown ? "\(shown) …" : shown
        }
        return pieces.map { piece in
            switch piece {
            case .same(let words): words.map(escape).joined(separator: " ")
            case .removed(let words): mark(.removed, run(words))
            case .added(let words): mark(.added, run(words))
            case .gap: "…"
            case .rewritten(let before, let after): "texte réécrit (\(before) mots avant, \(after) après)"
            }
        }.joined(separator: " ")
    }

    private static func escapeMarkdown(_ word: String) -> String {
        var escaped = ""
        for character in word {
            if "\\`*_~[]<>#|".contains(character) { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }
}
