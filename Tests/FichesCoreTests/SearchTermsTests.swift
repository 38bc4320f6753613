import Foundation
import Testing

@testable import FichesCore

@Test(arguments: [
    ("aînés", "aine"), ("Aines", "aine"), ("aîné", "aine"), ("AÎNÉES", "aine"),
    ("travailleuses", "travailleur"), ("travailleur", "travailleur"), ("animatrice", "animateur"),
    ("actives", "actif"), ("européenne", "europeen"), ("personnelles", "personnel"),
    ("Œuvre", "oeuvr"), ("santé", "sant"), ("maisons", "maison"), ("CPAS", "cpa"),
])
func wordsOfOneFamilyAreOneTerm(word: String, term: String) {
    #expect(SearchTerms.terms(word).map(\.text) == [term])
}

@Test func textIsSplitOnAnythingButLettersAndDigitsWithoutCommonWords() {
    #expect(
        SearchTerms.terms("L’Alzheimer café, c'est pour les aidants d'Ottignies-Louvain-la-Neuve (2024) !").map(\.text)
            == ["alzheimer", "cafe", "aidant", "ottigni", "louvain", "neuv", "2024"])
    #expect(SearchTerms.terms("de la et les").isEmpty)
}

/// `site-template/assets/recherche.js` applies the same rules to queries: its lists must be these.
@Test func theBrowserScriptHasTheSameStopWordsAndEndings() throws {
    let script = try String(
        contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("site-template/assets/recherche.js"),
        encoding: .utf8)
    let stop = try #require(script.firstMatch(of: /var STOP = \(([^;]+)\)\.split\(" "\);/)).output.1
        .replacingOccurrences(of: "\" +\n    \"", with: "").trimmingCharacters(in: CharacterSet(charactersIn: "\""))
    #expect(Set(stop.split(separator: " ").map(String.init)) == SearchTerms.stopWords)
    let endings = try #require(script.firstMatch(of: /var ENDINGS = (\[.+\]);/)).output.1
    #expect(
        endings == #"[["euse", "eur"], ["trice", "teur"], ["ive", "if"], ["enne", "en"], ["elle", "el"]]"#)
    #expect(
        SearchTerms.endings.map { "[\"\($0.0)\", \"\($0.1)\"]" }.joined(separator: ", ")
            == endings.dropFirst().dropLast())
}

/// The fast fold, character by character from tables, gives what folding the whole
/// text with Foundation gives, for every character of the planes editors type in.
@Test func foldingCharacterByCharacterEqualsFoldingTheWholeText() {
    func reference(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar {
            case "œ": result.append(contentsOf: "oe".unicodeScalars)
            case "æ": result.append(contentsOf: "ae".unicodeScalars)
            case "ß": result.append(contentsOf: "ss".unicodeScalars)
            case "’", "‘": result.append("'")
            default: if scalar.properties.generalCategory != .nonspacingMark { result.append(scalar) }
            }
        }
        return String(result)
    }
    let scalars = (0x20..<0x3000).compactMap(Unicode.Scalar.init).filter {
        $0.properties.canonicalCombiningClass == .notReordered
    }
    var mismatches: [String] = []
    for scalar in scalars where Slug.fold("a\(scalar)Z") != reference("a\(scalar)Z") {
        mismatches.append(String(format: "U+%04X", scalar.value))
    }
    #expect(mismatches.isEmpty, "\(mismatches.prefix(20))")
    let sentence = "Œuvrer À L’ÉCOUTE des aînés — « Ça va ? »\u{202F}: ﬁn, e\u{301}te\u{301}, ÆSOP, Straße"
    #expect(Slug.fold(sentence) == reference(sentence))
}

@Test func trimmingWhitespaceIsFoundationsTrimming() {
    let samples = [
        "", " ", "\n\t a b \u{A0}\n", "\u{2028}texte\u{3000}", "\u{202F}«\u{A0}x\u{A0}»\u{202F}", "x", "  é  ",
        "\u{85}fin\u{2029}", "\u{200B}zéro\u{200B}",
    ]
    let every = (0..<0x3100).compactMap(Unicode.Scalar.init).map { "\($0)a\($0)b\($0)" }
    for sample in samples + every {
        #expect(
            sample.trimmingWhitespace == sample.trimmingCharacters(in: .whitespacesAndNewlines),
            "\(sample.debugDescription)")
    }
}

/// French word families whose inflections search must treat alike: each
/// family's words are one term, and no two families share one.
@Test func theInflectionsOfAFrenchWordAreOneTerm() {
    let families: [[String]] = [
        ["âgé", "âgée", "âgés", "âgées"],
        ["isolé", "isolée", "isolés", "isolées"],
        ["aîné", "aînée", "aînés", "aînées", "Aines"],
        ["social", "sociale", "sociaux", "sociales"],
        ["local", "locale", "locaux", "locales"],
        ["médical", "médicale", "médicaux"],
        ["animal", "animaux"],
        ["nouveau", "nouveaux"],
        ["bureau", "bureaux"],
        ["travailleur", "travailleuse", "travailleurs", "travailleuses"],
        ["animateur", "animatrice", "animateurs", "animatrices"],
        ["actif", "active", "actifs", "actives"],
        ["citoyen", "citoyenne", "citoyens", "citoyennes"],
        ["personnel", "personnelle", "personnels"],
        ["famille", "familles"],
        ["aide", "aides"],
        ["café", "cafés"],
        ["jeune", "jeunes"],
    ]
    var seen: [SearchTerm: String] = [:]
    for family in families {
        let terms = Set(family.compactMap { SearchTerms.terms($0).first })
        #expect(terms.count == 1, "\(family): \(terms)")
        if let term = terms.first {
            #expect(seen[term] == nil, "\(family[0]) and \(seen[term] ?? "") are one term, \(term)")
            seen[term] = family[0]
        }
    }
    // `eau` and `aux` themselves stay what they are.
    #expect(SearchTerms.terms("eaux").first == SearchTerms.terms("eau").first)
    #expect(SearchTerms.terms("travaux").first != SearchTerms.terms("travail").first)
}
