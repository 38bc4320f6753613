import FichesCore
import Foundation
import Synchronization

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

    /// What a result shows of a fiche (`fiches/<n>.json`), made with the fiche's
    /// page: its number is known only once every fiche is read, its bytes before.
    static func result(of fiche: Fiche, text: String, catalogue: Catalogue) -> Data {
        struct Result: Encodable {
            var titre: String
            var url: String
            var resume: String
            var texte: String
            var droits: [String]
        }
        let result = Result(
            titre: fiche.titre, url: "fiches/\(fiche.slug)/", resume: fiche.resume,
            texte: String(text.prefix(textLimit)), droits: fiche.droits.compactMap { catalogue.droit($0)?.libelle })
        return (try? resultEncoder.encode(result)) ?? Data("{}".utf8)
    }

    private static let resultEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

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
        var scores: [String: (weighted: Int, body: Int)] = [:]
        scores.reserveCapacity(distinct.count)
        for (number, word) in distinct.enumerated() {
            guard let term = terms.term(word) else { continue }
            let weighted =
                counts[0][number] * weights.titre + counts[1][number] * weights.resume
                + counts[2][number] * weights.details
            scores[term, default: (0, 0)].weighted += weighted
            scores[term, default: (0, 0)].body += counts[3][number]
        }
        // The body counts each term five times at most.
        return TermScores(scores.mapValues { $0.weighted + min($0.body, 5) * weights.corps })
    }

    /// Each word's term, worked out once for all fiches: ten thousand fiches use
    /// a few thousand words, three million times.
    private static let terms = TermMemo()

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

    /// Writes the files into `sink`; with the preview's `cache`, a shard is
    /// written again only when its postings changed.
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
        for (number, loaded) in fiches.enumerated() {
            try sink.put(
                OutputFile(path: "recherche/fiches/\(number).json", contents: .bytes(loaded.rendered?.result ?? Data()))
            )
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

/// `SearchTerms.term` remembered, in one table per first letter so that the
/// tasks scoring fiches side by side seldom wait for each other.
private final class TermMemo: Sendable {
    private final class Table: Sendable {
        let words = Mutex<[String: String?]>([:])
    }

    private let tables = (0..<37).map { _ in Table() }

    func term(_ word: String) -> String? {
        let first = word.utf8.first ?? 0
        let table =
            tables[
                (0x61...0x7A).contains(first)
                    ? Int(first - 0x61) : (0x30...0x39).contains(first) ? 26 + Int(first - 0x30) : 36]
        if let known = table.words.withLock({ $0[word] }) { return known }
        let term = SearchTerms.term(word)
        table.words.withLock { $0[word] = term }
        return term
    }
}
