import FichesCore
import Foundation

/// The search index and the facets, written under `recherche/` and read by
/// `assets/recherche.js` only when someone starts searching or filtering:
///
/// - `facettes.json`: for each fiche, in slug order (its number), the
///   values it has in each facet (right, province, initiator, public);
/// - `index/<clé>.json`: the terms starting with `<clé>` (their first three
///   letters), each with the fiches that contain it and a score; a query loads
///   the shards of its words only;
/// - `fiches/<n>.json`: what a result shows of fiche `n` (title, address,
///   summary, the body as text for the excerpt), loaded for the results shown.
struct SearchIndex: Sendable {
    /// The published fiches in slug order: their numbers. Slugs, not titles: a new
    /// title then changes that fiche's files only, and a rebuild stays small.
    let fiches: [LoadedFiche]
    let catalogue: Catalogue
    /// Right, province, initiator, public: computed once, for the files and the home page.
    let facets: [Facet]

    init(fiches: [LoadedFiche], catalogue: Catalogue) {
        self.fiches = fiches
        self.catalogue = catalogue
        facets = Self.facets(fiches, catalogue)
    }

    /// How much an occurrence counts, by where it is.
    static let weights = (titre: 10, resume: 5, details: 3, corps: 1)
    /// A publics facet shows the most common values, at most this many.
    static let publicsShown = 12
    /// The excerpt of a result comes from this much of the body.
    static let textLimit = 1500

    struct Facet: Sendable {
        var name: String
        var title: String
        /// (id for the address, label).
        var values: [(id: String, label: String)]
        /// For each fiche, the indices of its values.
        var members: [[Int]]
    }

    private static func facets(_ fiches: [LoadedFiche], _ catalogue: Catalogue) -> [Facet] {
        let droits = catalogue.droits.map { ($0.id, $0.libelle) }
        let provinces = catalogue.provinces.map { ($0.id, $0.libelle) }
        let porteurs = catalogue.porteurs.map { ($0.id, $0.libelle) }
        // Publics are free labels: those that fold to the same words are one value.
        var publicCounts: [String: (label: String, count: Int)] = [:]
        for loaded in fiches {
            for label in Set(loaded.fiche!.publics.map { Slug.make(from: $0) }) where !label.isEmpty {
                let first = loaded.fiche!.publics.first { Slug.make(from: $0) == label }!
                publicCounts[label, default: (first, 0)].count += 1
            }
        }
        let publics = publicCounts.filter { $0.value.count > 1 }
            .sorted { ($1.value.count, $0.key) < ($0.value.count, $1.key) }
            .prefix(Self.publicsShown).map { ($0.key, $0.value.label) }
        func members(_ values: [(String, String)], _ ids: (Fiche) -> [String]) -> [[Int]] {
            let index = Dictionary(values.enumerated().map { ($1.0, $0) }, uniquingKeysWith: { first, _ in first })
            return fiches.map { Set(ids($0.fiche!).compactMap { index[$0] }).sorted() }
        }
        return [
            Facet(name: "droit", title: "Droit", values: droits, members: members(droits) { $0.droits }),
            Facet(
                name: "province", title: "Province", values: provinces,
                members: members(provinces) { $0.territoire?.province.map { [$0] } ?? [] }),
            Facet(name: "porteur", title: "Porteur", values: porteurs, members: members(porteurs) { $0.porteurs }),
            Facet(
                name: "public", title: "Public", values: publics,
                members: members(publics) { $0.publics.map { Slug.make(from: $0) } }),
        ]
    }

    /// First three letters → term → [fiche number, score, fiche number, score…]
    /// by fiche number, for every term of every fiche.
    func shards() -> [String: [String: [Int32]]] {
        var postings: [String: [Int32]] = [:]
        func add(_ number: Int, _ score: Int, to list: inout [Int32]) {
            list.append(Int32(number))
            list.append(Int32(score))
        }
        for (number, loaded) in fiches.enumerated() {
            loaded.rendered?.terms.forEach { term, score in add(number, score, to: &postings[term, default: []]) }
        }
        var shards: [String: [String: [Int32]]] = [:]
        for (term, list) in postings { shards[Self.shard(term), default: [:]][term] = list }
        return shards
    }

    /// The terms of one fiche and their scores. Words are counted first, each
    /// with one dictionary lookup, then each distinct word is made a term once:
    /// a body says the same words again and again.
    static func terms(of fiche: Fiche, text: String, catalogue: Catalogue) -> TermScores {
        let details =
            fiche.publics + (fiche.territoire?.communes ?? []) + fiche.contacts.map(\.organisation)
            + fiche.porteurs.compactMap { catalogue.porteur($0)?.libelle }
        let fields = [fiche.titre, fiche.resume, details.joined(separator: " · "), text]
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
        var terms: [String: (weighted: Int, body: Int)] = [:]
        terms.reserveCapacity(distinct.count)
        for (number, word) in distinct.enumerated() {
            guard let term = SearchTerms.term(word) else { continue }
            let weighted =
                counts[0][number] * weights.titre + counts[1][number] * weights.resume
                + counts[2][number] * weights.details
            terms[term, default: (0, 0)].weighted += weighted
            terms[term, default: (0, 0)].body += counts[3][number]
        }
        // The body counts each term five times at most.
        return TermScores(terms.mapValues { $0.weighted + min($0.body, 5) * weights.corps })
    }

    /// A shard as JSON, keys sorted: what `JSONEncoder` with `.sortedKeys` writes,
    /// written directly because a shard is only terms (`a`–`z`, `0`–`9`, nothing
    /// to escape) and numbers, and the encoder's generic path took a twentieth
    /// of a large build.
    static func json(_ terms: [String: [Int32]]) -> Data {
        var bytes: [UInt8] = [UInt8(ascii: "{")]
        for (index, term) in terms.keys.sorted().enumerated() {
            precondition(term.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) })
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(UInt8(ascii: "\""))
            bytes.append(contentsOf: term.utf8)
            bytes.append(contentsOf: "\":[".utf8)
            var digits: [UInt8] = []
            for (position, number) in terms[term]!.enumerated() {
                if position > 0 { bytes.append(UInt8(ascii: ",")) }
                // The decimal digits, without a String for each number.
                var value = Int(number)
                if value < 0 {
                    bytes.append(UInt8(ascii: "-"))
                    value = -value
                }
                digits.removeAll(keepingCapacity: true)
                repeat {
                    digits.append(UInt8(ascii: "0") + UInt8(value % 10))
                    value /= 10
                } while value > 0
                bytes.append(contentsOf: digits.reversed())
            }
            bytes.append(UInt8(ascii: "]"))
        }
        bytes.append(UInt8(ascii: "}"))
        return Data(bytes)
    }

    /// The first three letters of a term: the shard it is in.
    static func shard(_ term: String) -> String { String(term.prefix(3)) }

    /// Writes the files into `sink`; with the preview's `cache`, a fiche's result
    /// file is encoded again only when the fiche or its number changed.
    func write(into sink: any SiteSink, cache: PageCache? = nil) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        struct Facets: Encodable {
            var version = 1
            var facettes: [Entry]
            var fiches: [[[Int]]]
            struct Entry: Encodable {
                var nom: String
                var titre: String
                var valeurs: [[String]]
            }
        }
        try sink.put(
            OutputFile(
                path: "recherche/facettes.json",
                contents: .bytes(
                    try encoder.encode(
                        Facets(
                            facettes: facets.map {
                                .init(nom: $0.name, titre: $0.title, valeurs: $0.values.map { [$0.id, $0.label] })
                            },
                            fiches: fiches.indices.map { number in facets.map { $0.members[number] } })))))
        // One shard per first three letters: term → [fiche, score, fiche, score…], by fiche.
        for (key, terms) in shards() {
            let path = "recherche/index/\(key).json"
            if let cache, let file = cache.shard(path, terms: terms) {
                try sink.put(file)
                continue
            }
            let file = OutputFile(path: path, contents: .bytes(Self.json(terms)))
            cache?.store(file, terms: terms)
            try sink.put(file)
        }
        struct Result: Encodable {
            var titre: String
            var url: String
            var resume: String
            var texte: String
            var droits: [String]
        }
        for (number, loaded) in fiches.enumerated() {
            let fiche = loaded.fiche!
            let path = "recherche/fiches/\(number).json"
            let make = {
                let result = Result(
                    titre: fiche.titre, url: "fiches/\(fiche.slug)/", resume: fiche.resume,
                    texte: loaded.rendered?.excerpt ?? "",
                    droits: fiche.droits.compactMap { catalogue.droit($0)?.libelle })
                return OutputFile(path: path, contents: .bytes(try encoder.encode(result)))
            }
            try sink.put(try cache?.file(path, key: "\(loaded.version)", make: make) ?? make())
        }
    }
}

/// A fiche's search terms and their scores, packed: a fiche is kept until the
/// whole catalogue is read, and ten thousand dictionaries of strings would weigh
/// more than the rest of it. Each term is its length (two bytes), its UTF-8 bytes
/// and its score (two bytes).
struct TermScores: Sendable {
    private(set) var bytes: [UInt8] = []

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    init(_ scores: [String: Int]) {
        bytes.reserveCapacity(scores.count * 12)
        for (term, score) in scores {
            let length = min(term.utf8.count, Int(UInt16.max))
            let score = UInt16(min(score, Int(UInt16.max)))
            bytes.append(UInt8(length >> 8))
            bytes.append(UInt8(length & 0xFF))
            bytes.append(contentsOf: term.utf8.prefix(length))
            bytes.append(UInt8(score >> 8))
            bytes.append(UInt8(score & 0xFF))
        }
    }

    func forEach(_ body: (String, Int) -> Void) {
        var index = 0
        while index < bytes.count {
            let length = Int(bytes[index]) << 8 | Int(bytes[index + 1])
            let term = String(decoding: bytes[(index + 2)..<(index + 2 + length)], as: UTF8.self)
            index += 2 + length
            body(term, Int(bytes[index]) << 8 | Int(bytes[index + 1]))
            index += 2
        }
    }
}
