/// The words search works on: folded (case, accents, ligatures: `Œuvre` → `oeuvre`),
/// split on anything that is not a letter or a digit, without the most common
/// French words, and lightly stemmed (plurals, common feminine endings), so that
/// `aînées`, `Aines` and `aîné` are one term. `site-template/assets/recherche.js`
/// applies the same rules to the queries: change both together.
public enum SearchTerms {
    /// Words too common to search for.
    public static let stopWords: Set<String> = [
        "au", "aux", "avec", "ce", "ces", "dans", "de", "des", "du", "elle", "en", "et", "il", "ils", "la", "le",
        "les", "leur", "leurs", "ou", "par", "pas", "pour", "qu", "que", "qui", "sa", "se", "ses", "son", "sur",
        "un", "une", "est", "sont", "ne", "plus", "nos", "notre", "vos", "votre",
    ]

    /// Feminine endings and the masculine they are read as, the first that matches only.
    public static let endings = [("euse", "eur"), ("trice", "teur"), ("ive", "if"), ("enne", "en"), ("elle", "el")]

    /// The terms of `text`, in order, repeats kept.
    public static func terms(_ text: String) -> [SearchTerm] {
        words(text).compactMap(term)
    }

    /// The folded words of `text`: the runs of `a`–`z` and `0`–`9` of its fold.
    public static func words(_ text: String) -> [String] {
        var words: [String] = []
        forEachWord(in: text) { words.append($0) }
        return words
    }

    /// `body` with each folded word of `text`, in order, without an array of them.
    public static func forEachWord(in text: String, _ body: (String) -> Void) {
        var folded = Slug.fold(text)
        folded.withUTF8 { bytes in
            var start = 0
            for index in 0...bytes.count {
                if index < bytes.count, isWordByte(bytes[index]) { continue }
                if index > start {
                    body(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
                }
                start = index + 1
            }
        }
    }

    /// The term of one folded word; nil for a stop word, a single letter, or
    /// anything but letters `a`–`z` and digits.
    public static func term(_ word: String) -> SearchTerm? {
        let count = word.utf8.count
        guard count > 1, count > longestStopWord || !stopWords.contains(word) else { return nil }
        return SearchTerm(stem(word))
    }

    /// At most eight: `packed` holds eight bytes.
    private static let longestStopWord = min(stopWords.map(\.utf8.count).max() ?? 0, 8)

    /// Plural `s`/`x` (`-aux` read as `-al`, but not `-eaux`), then feminine
    /// endings, then `-ée` as `-é`, then a final `e`, on words long enough to have them: `âgé`,
    /// `âgée`, `âgés` and `âgées` are one term, `social` and `sociaux` another.
    /// `word` is a folded word (ASCII letters and digits).
    public static func stem(_ word: String) -> String {
        var word = word
        return word.withUTF8 { bytes in
            var stemmed: [UInt8] = []
            stem(bytes, into: &stemmed)
            return String(decoding: stemmed, as: UTF8.self)
        }
    }

    /// `stem` on a folded word's bytes, appended to `stemmed`.
    public static func stem(_ bytes: UnsafeBufferPointer<UInt8>, into stemmed: inout [UInt8]) {
        var end = bytes.count
        if end > 4, bytes[(end - 3)..<end].elementsEqual("aux".utf8), bytes[end - 4] != UInt8(ascii: "e") {
            stemmed.append(contentsOf: bytes[..<(end - 1)])
            stemmed[stemmed.count - 1] = UInt8(ascii: "l")
            return
        }
        if end > 3, bytes[end - 1] == UInt8(ascii: "s") || bytes[end - 1] == UInt8(ascii: "x") { end -= 1 }
        for (ending, masculine) in asciiEndings
        where end > ending.count + 2 && bytes[(end - ending.count)..<end].elementsEqual(ending) {
            stemmed.append(contentsOf: bytes[..<(end - ending.count)])
            stemmed.append(contentsOf: masculine)
            return
        }
        // `-ée` is `-é`: `âgée` is `âgé`, short as it is.
        if end > 2, bytes[end - 1] == UInt8(ascii: "e"), bytes[end - 2] == UInt8(ascii: "e") { end -= 1 }
        if end > 4, bytes[end - 1] == UInt8(ascii: "e") { end -= 1 }
        stemmed.append(contentsOf: bytes[..<end])
    }

    /// Whether the folded word `bytes` is one of `stopWords`: its bytes as a
    /// number, looked up among theirs (every stop word has at most eight letters).
    public static func isStopWord(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.count <= longestStopWord && packedStopWords.contains(packed(bytes))
    }

    private static func packed(_ bytes: some Collection<UInt8>) -> UInt64 {
        bytes.reduce(0) { $0 << 8 | UInt64($1) }
    }

    private static let packedStopWords = Set(stopWords.map { packed($0.utf8) })

    /// Whether `byte` belongs in a word: `a`–`z`, `0`–`9` (of a folded text).
    public static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
    }

    private static let asciiEndings = endings.map { (Array($0.0.utf8), Array($0.1.utf8)) }
}

/// A search term: letters `a`–`z` and digits only, so the search files carry it
/// in JSON and in file names as it is.
public struct SearchTerm: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let text: String

    /// Nil unless `text` is made of letters `a`–`z` and digits only.
    public init?(_ text: String) {
        guard !text.isEmpty, text.utf8.allSatisfy({ (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) })
        else { return nil }
        self.text = text
    }

    /// Its first three letters: the search shard it is written in.
    public var shard: String { String(decoding: text.utf8.prefix(3), as: UTF8.self) }

    public var description: String { text }

    public static func < (a: Self, b: Self) -> Bool { a.text < b.text }
}
