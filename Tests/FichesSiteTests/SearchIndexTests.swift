import FichesCore
import Foundation
import Testing

@testable import FichesSite

/// The files the search script reads, from the fixture catalogue.
private func searchFiles() async throws -> (site: BuiltSite, json: (String) throws -> Any) {
    let site = try #require(try await generate(.fixture()).site)
    return (site, { path in try JSONSerialization.jsonObject(with: try #require(site.contents(of: path))) })
}

@Test func theResultsAreListedInSlugOrderEightToAFile() async throws {
    let (site, json) = try await searchFiles()
    #expect(site.paths.filter { $0.hasPrefix("recherche/fiches/") } == ["recherche/fiches/0.json"])
    let results = try #require(json("recherche/fiches/0.json") as? [[String: Any]])
    #expect(
        results.map { $0["titre"] as? String } == [
            "Créer un Alzheimer café", "Écrivain public et repas solidaire", "Mettre en place une maison médicale",
        ])
    #expect(results.first?["url"] as? String == "fiches/alzheimer-cafe/")
    #expect(
        (results.first?["texte"] as? String)?.hasPrefix(
            "Contexte — Une rencontre mensuelle, gratuite. Voir aussi l'équipe") == true)
    #expect((results.first?["texte"] as? String)?.contains("<") == false)
}

/// `site-template/assets/recherche.js` finds result `n` in the files as they are grouped.
@Test func theBrowserScriptGroupsResultsAsTheBuildDoes() throws {
    let script = try String(
        contentsOf: Paths.repository.appendingPathComponent("site-template/assets/recherche.js"), encoding: .utf8)
    let results = try #require(script.firstMatch(of: /var RESULTS = (\d+);/)).output.1
    #expect(Int(results) == SearchIndex.resultsPerFile)
}

@Test func termsAreShardedByTheirFirstLettersAndTheTitleOutweighsTheBody() async throws {
    let (site, json) = try await searchFiles()
    for path in site.paths where path.hasPrefix("recherche/index/") {
        let key = String(path.dropFirst("recherche/index/".count).dropLast(".json".count))
        let terms = try #require(json(path) as? [String: [Int]])
        #expect(terms.keys.allSatisfy { String($0.prefix(3)) == key }, "\(path)")
    }
    // "alzheimer" is in the title of fiche 0, in the body of fiche 2 (a link to it).
    let postings = try #require(json("recherche/index/alz.json") as? [String: [Int]])["alzheimer"]
    let scores = Dictionary(
        uniqueKeysWithValues: stride(from: 0, to: postings?.count ?? 0, by: 2).map {
            (postings![$0], postings![$0 + 1])
        })
    #expect(scores[0]! >= SearchIndex.weights.titre)
    #expect(scores[2] == SearchIndex.weights.corps)
    // A commune, a public, an organisation are found too.
    #expect((try json("recherche/index/qua.json") as? [String: [Int]])?["quaregnon"] != nil)
    #expect((try json("recherche/index/aid.json") as? [String: [Int]])?["aidant"] != nil)
}

@Test func facetsListTheCatalogueAndEachFichesValues() async throws {
    let (_, json) = try await searchFiles()
    let document = try #require(json("recherche/facettes.json") as? [String: Any])
    let facets = try #require(document["facettes"] as? [[String: Any]])
    #expect(facets.map { $0["nom"] as? String } == ["droit", "province", "porteur", "public"])
    let rights = try #require(facets[0]["valeurs"] as? [[String]])
    #expect(rights.map(\.[0]) == ["sante", "alimentation", "logement"])
    let fiches = try #require(document["fiches"] as? [[[Int]]])
    // Fiche 0, the Alzheimer café: rights santé and alimentation, Hainaut, PCS.
    #expect(fiches[0][0] == [0, 1])
    #expect(fiches[0][1] == [0])
    #expect(fiches[0][2] == [0])
}

/// The shards are written without `JSONEncoder`: they must be what it writes.
@Test func aShardIsWhatJSONEncoderWrites() throws {
    let terms: [String: [Int32]] = [
        "aine": [0, 13, 2, 1], "ain": [1, 10], "a2024": [3, 1], "zz": [7, 3, 8, 1, 9, 5], "a10": [4, 2_000_000],
        "a9": [0, 7],
    ]
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    // In no particular order, as the fiches give them.
    var strings = ByteStrings()
    var postings: [[Int32]] = []
    for (term, list) in terms.shuffled() {
        #expect(Array(term.utf8).withUnsafeBufferPointer { strings.number(of: $0) } == postings.count)
        postings.append(list)
    }
    #expect(
        String(decoding: SearchIndex.json(strings, postings), as: UTF8.self)
            == String(decoding: try encoder.encode(terms), as: UTF8.self))
    #expect(SearchIndex.json(ByteStrings(), []) == (try encoder.encode([String: [Int32]]())))
}

/// The terms and scores of a fiche, counted through a table of byte strings, are those
/// of the plain way: a dictionary of the terms `SearchTerms` makes of each field's words.
@Test func termScoresAreThoseOfThePlainWay() throws {
    func plain(_ fields: [String]) -> [String: Int] {
        var scores: [String: (weighted: Int, body: Int)] = [:]
        let weights = [SearchIndex.weights.titre, SearchIndex.weights.resume, SearchIndex.weights.details]
        for (field, text) in fields.enumerated() {
            for term in SearchTerms.terms(text) {
                if field < 3 {
                    scores[term.text, default: (0, 0)].weighted += weights[field]
                } else {
                    scores[term.text, default: (0, 0)].body += 1
                }
            }
        }
        return scores.mapValues { $0.weighted + min($0.body, 5) * SearchIndex.weights.corps }
    }
    var samples: [[String]] = [
        ["", "", "", ""], ["Aînés aînées AÎNÉ", "les des de", "a b c", "Œuvre œuvres oeuvre"],
        [
            "L’Alzheimer café", "Un lieu pour les aidants proches",
            "aînés · Mons · PCS de Wavre", String(repeating: "travailleuses travailleur actives européenne ", count: 9),
        ],
    ]
    // Every fiche of the fixtures and of the real catalogue, their fields as a build gives them.
    let folders = [Paths.catalogue, Paths.repository.appendingPathComponent("fiches").path]
    for folder in folders {
        let enumerator = FileManager.default.enumerator(atPath: folder)
        while let path = enumerator?.nextObject() as? String {
            guard path.hasSuffix(".md") else { continue }
            let text = try String(contentsOfFile: "\(folder)/\(path)", encoding: .utf8)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            samples.append([lines.first ?? "", lines.dropFirst().prefix(5).joined(separator: " "), path, text])
        }
    }
    #expect(samples.count > 10)
    for fields in samples {
        var fast: [String: Int] = [:]
        SearchEntry.scores(fields).forEach { fast[String(decoding: $0, as: UTF8.self)] = $1 }
        #expect(fast == plain(fields), "\(fields.map { $0.prefix(30) })")
    }
}

/// A search term is letters and digits only, whatever text it is asked to hold:
/// the shards write it without escaping.
@Test(arguments: ["aîné", "a\"b", "", "a b", "A", "</script>", "a-b"])
func aSearchTermRefusesAnythingButLettersAndDigits(text: String) {
    #expect(SearchTerm(text) == nil)
}

/// The words officers use are data (`synonymes:` in `catalogue.yml`): a fiche
/// that says "aînés" is found by "seniors" and by "personnes âgées", below a
/// fiche that says them; a group no fiche matches adds nothing.
@Test func synonymsOfTheCatalogueFindTheFichesOfTheirGroup() throws {
    let group = [SearchTerms.terms("aînés"), SearchTerms.terms("personnes âgées"), SearchTerms.terms("seniors")]
    let unused = [SearchTerms.terms("drogue"), SearchTerms.terms("toxicomanie")]
    func scores(_ text: String) -> [String: Int] {
        var found: [String: Int] = [:]
        let scores = SearchEntry.scores(["Un titre", "Un résumé", "", text], synonyms: [group, unused])
        scores.forEach { term, score in found[String(decoding: term, as: UTF8.self)] = score }
        return found
    }
    let aines = scores("Des activités pour les aînés du quartier.")
    #expect(aines["aine"] == SearchIndex.weights.corps)
    #expect(aines["senior"] == 1)
    #expect(aines["personn"] == 1 && aines["age"] == 1)
    #expect(aines["drogu"] == nil && aines["toxicomani"] == nil)
    // "personnes" alone is not the phrase "personnes âgées": nothing is added.
    let personnes = scores("Des personnes du quartier.")
    #expect(personnes["senior"] == nil && personnes["aine"] == nil)
    // The phrase, in any order, leads to the others.
    #expect(scores("Âgées, ces personnes sortent peu.")["senior"] == 1)
}

@Test func theTextKeptForExcerptsEndsWithAWholeWord() {
    let words = String(repeating: "accompagnement ", count: 200)
    let kept = SearchEntry.excerptable(words)
    #expect(kept.unicodeScalars.count <= SearchIndex.textLimit)
    #expect(kept.hasSuffix("accompagnement"))
    #expect(SearchIndex.textLimit - kept.unicodeScalars.count < "accompagnement ".count)
    #expect(SearchEntry.excerptable("Court.") == "Court.")
}
