/// "Did you mean" for keys and vocabulary ids, insensitive to accents and case.
public enum Suggestion {
    /// The candidate closest to `word`, if one is close enough to be a likely
    /// typo: `limit` edits at most, by default a third of the word's letters (1 to 3).
    public static func closest(to word: String, in candidates: [String], limit: Int? = nil) -> String? {
        let folded = Slug.fold(word)
        var best: (distance: Int, candidate: String)?
        for candidate in candidates {
            let distance = editDistance(Array(folded), Array(Slug.fold(candidate)))
            if distance < (best?.distance ?? .max) { best = (distance, candidate) }
        }
        guard let best else { return nil }
        return best.distance <= limit ?? max(1, min(3, folded.count / 3)) ? best.candidate : nil
    }

    /// « ; vouliez-vous dire « x » ? » when there is a close candidate, else "".
    public static func didYouMean(_ word: String, in candidates: [String]) -> String {
        closest(to: word, in: candidates).map { " ; vouliez-vous dire « \($0) » ?" } ?? ""
    }

    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        for (i, ca) in a.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, cb) in b.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (ca == cb ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
