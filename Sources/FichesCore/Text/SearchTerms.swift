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
    public static func terms(_ text: String) -> [String] {
        words(text).compactMap(term)
    }

    /// The folded words of `text`: the runs of `a`–`z` and `0`–`9` of its fold.
    public static func words(_ text: String) -> [String] {
        var words: [String] = []
        var folded = Slug.fold(text)
        folded.withUTF8 { bytes in
            var start = 0
            for index in 0...bytes.count {
                if index < bytes.count, isWordByte(bytes[index]) { continue }
                if index > start { words.append(String(decoding: bytes[start..<index], as: UTF8.self)) }
                start = index + 1
            }
        }
        return words
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
    }

    /// The term of one folded word; nil for a stop word or a single letter.
    public static func term(_ word: String) -> String? {
        guard word.utf8.count > 1, !stopWords.contains(word) else { return nil }
        return stem(word)
    }

    /// Plural `s`/`x`, then feminine endings, then a final `e`, on words long enough
    /// to have them. `word` is a folded word (ASCII letters and digits).
    public static func stem(_ word: String) -> String {
        var word = Array(word.utf8)
        if word.count > 3, word.last == UInt8(ascii: "s") || word.last == UInt8(ascii: "x") { word.removeLast() }
        for (ending, replacement) in asciiEndings
        where word.count > ending.count + 2 && word.suffix(ending.count).elementsEqual(ending) {
            word.removeLast(ending.count)
            word += replacement
            break
        }
        if word.count > 4, word.last == UInt8(ascii: "e") { word.removeLast() }
        return String(decoding: word, as: UTF8.self)
    }

    private static let asciiEndings = endings.map { (Array($0.0.utf8), Array($0.1.utf8)) }
}
