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

    /// The folded words of `text`.
    public static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in Slug.fold(text).unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                current.append(scalar)
            } else if !current.isEmpty {
                words.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { words.append(String(current)) }
        return words
    }

    /// The term of one folded word; nil for a stop word or a single letter.
    public static func term(_ word: String) -> String? {
        guard word.count > 1, !stopWords.contains(word) else { return nil }
        return stem(word)
    }

    /// Plural `s`/`x`, then feminine endings, then a final `e`, on words long enough to have them.
    public static func stem(_ word: String) -> String {
        var word = word
        if word.count > 3, word.hasSuffix("s") || word.hasSuffix("x") { word.removeLast() }
        for (ending, replacement) in endings where word.count > ending.count + 2 && word.hasSuffix(ending) {
            word = String(word.dropLast(ending.count)) + replacement
            break
        }
        if word.count > 4, word.hasSuffix("e") { word.removeLast() }
        return word
    }
}
