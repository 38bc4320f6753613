import FichesCore
import Foundation

/// The search files, read by `assets/recherche.js` only when someone starts
/// searching or filtering:
///
/// - `recherche/facettes.json`: for each fiche, in slug order (its number),
///   the values it has in each facet (right, province, initiator, public);
/// - `recherche/index/<clé>.json`: the terms starting with `<clé>` (their first
///   three letters), each with the fiches that contain it and a score; a query
///   loads the shards of its words only;
/// - `recherche/fiches/<n>.json`: what a result shows of fiche `n` (title,
///   address, summary, the body as text for the excerpt).
///
/// Fiches are numbered in slug order, not title order: a new title then
/// changes that fiche's files only.
enum SearchIndex {
    /// How much an occurrence counts, by where it is.
    static let weights = (titre: 10, resume: 5, details: 3, corps: 1)
    /// A publics facet shows the most common values, at most this many.
    static let publicsShown = 12
    /// The excerpt of a result comes from this much of the body.
    static let textLimit = 1500

    /// `recherche/index/<key>.json`: every term of the shard with its postings,
    /// `[fiche, score, fiche, score…]` by fiche number.
    static func shard(_ key: String, _ fiches: [SearchFacets.Numbered]) -> Data {
        var postings: [SearchTerm: [Int32]] = [:]
        for numbered in fiches {
            for (term, score) in numbered.fiche.search.terms(inShard: key) {
                postings[term, default: []].append(Int32(numbered.number))
                postings[term, default: []].append(Int32(score))
            }
        }
        return json(postings)
    }

    /// A shard as JSON, keys sorted: what `JSONEncoder` with `.sortedKeys` writes
    /// (a test compares them), written directly because the encoder's generic
    /// path took a twentieth of a large build. A `SearchTerm` is letters and
    /// digits only: nothing to escape.
    static func json(_ postings: [SearchTerm: [Int32]]) -> Data {
        var bytes: [UInt8] = [UInt8(ascii: "{")]
        for (index, term) in postings.keys.sorted().enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(UInt8(ascii: "\""))
            bytes.append(contentsOf: term.text.utf8)
            bytes.append(contentsOf: "\":[".utf8)
            for (position, number) in postings[term, default: []].enumerated() {
                if position > 0 { bytes.append(UInt8(ascii: ",")) }
                bytes.append(contentsOf: String(number).utf8)
            }
            bytes.append(UInt8(ascii: "]"))
        }
        bytes.append(UInt8(ascii: "}"))
        return Data(bytes)
    }

    /// `recherche/facettes.json`.
    static func facets(_ facets: SearchFacets) -> Data {
        struct Document: Encodable {
            var version = 1
            var facettes: [Entry]
            var fiches: [[[Int]]]
            struct Entry: Encodable {
                var nom: String
                var titre: String
                var valeurs: [[String]]
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let document = Document(
            facettes: facets.facets.map {
                .init(nom: $0.name, titre: $0.title, valeurs: $0.values.map { [$0.id, $0.label] })
            },
            fiches: (0..<facets.count).map { number in facets.facets.map { $0.members[number] } })
        return (try? encoder.encode(document)) ?? Data()
    }
}

/// What search needs of one fiche, made when the fiche is read: what a result
/// shows of it, and its terms with their scores.
struct SearchEntry: Sendable {
    /// `recherche/fiches/<n>.json`: its number is known once every fiche is read, its bytes now.
    let result: Data
    /// Sorted by term.
    let terms: [(term: SearchTerm, score: Int)]
    /// The shards of its terms, sorted, each once.
    let shards: [String]

    init(_ fiche: Fiche, text: String, catalogue: Catalogue) {
        let details = fiche.publics + (fiche.territoire?.communes ?? []) + fiche.contacts.map(\.organisation)
        let fields = [fiche.titre, fiche.resume, (details + fiche.porteurs.map(\.libelle)).joined(separator: " · "), text]
        terms = Self.scores(fields)
        var shards: [String] = []
        for (term, _) in terms where shards.last != term.shard { shards.append(term.shard) }
        self.shards = shards
        result = Self.result(fiche, text: text)
    }

    /// The terms starting with `key`.
    func terms(inShard key: String) -> ArraySlice<(term: SearchTerm, score: Int)> {
        var low = 0
        var high = terms.count
        while low < high {
            let middle = (low + high) / 2
            if terms[middle].term.shard < key { low = middle + 1 } else { high = middle }
        }
        var end = low
        while end < terms.count, terms[end].term.shard == key { end += 1 }
        return terms[low..<end]
    }

    /// The terms of the title, summary, details and body with their scores.
    /// Words are counted first, each with one dictionary lookup, then each
    /// distinct word is made a term once: a body says the same words again and again.
    private static func scores(_ fields: [String]) -> [(term: SearchTerm, score: Int)] {
        var index: [String: Int] = [:]
        index.reserveCapacity(512)
        var distinct: [String] = []
        var counts: [[Int]] = Array(repeating: [], count: fields.count)
        for (field, text) in fields.enumerated() {
            for word in SearchTerms.words(text) {
                let number: Int
                if let known = index[word] {
                    number = known
                } else {
                    number = distinct.count
                    index[word] = number
                    distinct.append(word)
                    for field in counts.indices { counts[field].append(0) }
                }
                counts[field][number] += 1
            }
        }
        // Per term: the weighted counts of the title, summary and details, and the body's count.
        let weights = SearchIndex.weights
        var scores: [SearchTerm: (weighted: Int, body: Int)] = [:]
        scores.reserveCapacity(distinct.count)
        for (number, word) in distinct.enumerated() {
            guard let term = SearchTerms.term(word) else { continue }
            let weighted =
                counts[0][number] * weights.titre + counts[1][number] * weights.resume
                + counts[2][number] * weights.details
            scores[term, default: (0, 0)].weighted += weighted
            scores[term, default: (0, 0)].body += counts[3][number]
        }
        // The body counts each term five times at most.
        return scores.map { ($0.key, $0.value.weighted + min($0.value.body, 5) * weights.corps) }
            .sorted { $0.term < $1.term }
    }

    private static func result(_ fiche: Fiche, text: String) -> Data {
        struct Result: Encodable {
            var titre: String
            var url: String
            var resume: String
            var texte: String
            var droits: [String]
        }
        let result = Result(
            titre: fiche.titre, url: Route.fiche(slug: fiche.slug).url, resume: fiche.resume,
            texte: String(text.prefix(SearchIndex.textLimit)), droits: fiche.droits.map(\.libelle))
        return (try? resultEncoder.encode(result)) ?? Data("{}".utf8)
    }

    private static let resultEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
}

/// The filters of the search form: for each facet its values and, for each
/// fiche in slug order, the values it has. Computed once per plan, for the
/// home page (its counts) and `recherche/facettes.json`.
struct SearchFacets: Sendable, Equatable {
    struct Facet: Sendable, Equatable {
        var name: String
        var title: String
        var values: [Value]
        /// For each fiche, the indices of its values.
        var members: [[Int]]
    }

    struct Value: Sendable, Equatable {
        /// For the address: `?droit=sante`.
        var id: String
        var label: String
    }

    /// A fiche and its number in the search files.
    struct Numbered: Sendable, Equatable {
        var number: Int
        var fiche: PublishedFiche
    }

    let facets: [Facet]
    /// The fiches.
    let count: Int

    /// `fiches` in slug order.
    init(_ fiches: [PublishedFiche], catalogue: Catalogue) {
        count = fiches.count
        func values(_ terms: [Term]) -> [Value] { terms.map { Value(id: $0.id, label: $0.libelle) } }
        // Publics are free labels: those that fold to the same words are one value.
        var publicCounts: [String: (label: String, count: Int)] = [:]
        for published in fiches {
            var seen: Set<String> = []
            for label in published.fiche.publics {
                let id = Slug.make(from: label)
                if !id.isEmpty, seen.insert(id).inserted { publicCounts[id, default: (label, 0)].count += 1 }
            }
        }
        let publics = publicCounts.filter { $0.value.count > 1 }
            .sorted { ($1.value.count, $0.key) < ($0.value.count, $1.key) }
            .prefix(SearchIndex.publicsShown).map { Value(id: $0.key, label: $0.value.label) }
        func members(_ values: [Value], _ ids: (Fiche) -> [String]) -> [[Int]] {
            let index = Dictionary(values.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
            return fiches.map { Set(ids($0.fiche).compactMap { index[$0] }).sorted() }
        }
        let droits = values(catalogue.droits)
        let provinces = values(catalogue.provinces)
        let porteurs = values(catalogue.porteurs)
        facets = [
            Facet(name: "droit", title: "Droit", values: droits, members: members(droits) { $0.droits.map(\.id) }),
            Facet(
                name: "province", title: "Province", values: provinces,
                members: members(provinces) { $0.territoire?.province.map { [$0.id] } ?? [] }),
            Facet(
                name: "porteur", title: "Porteur", values: porteurs,
                members: members(porteurs) { $0.porteurs.map(\.id) }),
            Facet(
                name: "public", title: "Public", values: publics,
                members: members(publics) { $0.publics.map { Slug.make(from: $0) } }),
        ]
    }

    /// Each value's number of fiches.
    func counts(_ facet: Facet) -> [Int] {
        facet.members.reduce(into: [Int](repeating: 0, count: facet.values.count)) { counts, values in
            for value in values { counts[value] += 1 }
        }
    }
}
