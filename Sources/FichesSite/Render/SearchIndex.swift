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
/// - `recherche/fiches/<g>.json`: what a result shows (title, address, summary,
///   the body as text for the excerpt) of the fiches numbered from
///   `g × resultsPerFile`, in a list: fiche `n` is item `n % resultsPerFile` of
///   file `n / resultsPerFile`.
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
    /// Results grouped in a file (`recherche.js` has the same `RESULTS`): a
    /// query shows ten results, from at most ten files of eight, about 15 KB each.
    /// One file per fiche was half of the files of a large site, and creating
    /// them an eighth of its build.
    static let resultsPerFile = 8

    /// `recherche/fiches/<g>.json`: the results of `fiches`, in a JSON list.
    static func results(_ fiches: [PublishedFiche]) -> Data {
        var bytes = Data([UInt8(ascii: "[")])
        for (index, fiche) in fiches.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(fiche.search.result)
        }
        bytes.append(UInt8(ascii: "]"))
        return bytes
    }

    /// `recherche/index/<key>.json`: every term of the shard with its postings,
    /// `[fiche, score, fiche, score…]` by fiche number.
    static func shard(_ shard: ShardInput) -> Data {
        var terms = ByteStrings()
        var postings: [[Int32]] = []
        for number in shard.numbers {
            let fiche = shard.fiches[Int(number)].search.terms
            guard let range = fiche.range(ofShard: shard.code) else { continue }
            fiche.forEach(in: range) { term, score in
                let index = terms.number(of: term)
                if index == postings.count { postings.append([]) }
                postings[index].append(number)
                postings[index].append(Int32(score))
            }
        }
        return json(terms, postings)
    }

    /// A shard as JSON, keys sorted: what `JSONEncoder` with `.sortedKeys` writes
    /// of `[term: [fiche, score…]]` (a test compares them), written directly
    /// because the encoder's generic path took a twentieth of a large build. A
    /// term is letters and digits only (`TermScores` keeps no other): nothing to escape.
    static func json(_ terms: ByteStrings, _ postings: [[Int32]]) -> Data {
        var bytes: [UInt8] = [UInt8(ascii: "{")]
        for (position, number) in terms.sortedNumbers().enumerated() {
            bytes += position == 0 ? [UInt8(ascii: "\"")] : [UInt8(ascii: ","), UInt8(ascii: "\"")]
            terms.withBytes(of: number) { bytes += $0 }
            bytes += [UInt8(ascii: "\""), UInt8(ascii: ":"), UInt8(ascii: "[")]
            for (index, value) in postings[number].enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                bytes += String(value).utf8
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
    /// The fiche's item in `recherche/fiches/<g>.json`: its place is known once
    /// every fiche is read, its bytes now.
    private let kept: KeptBytes
    let terms: TermScores

    var result: Data { Data(kept.bytes) }

    init(_ fiche: Fiche, text: String, spill: SpillFile?, synonyms: [[[SearchTerm]]] = []) {
        // Found by every word an officer may type of where and for whom: the labels of its rights, its
        // province, communes, initiators and publics, and its contacts' organisations.
        let details =
            fiche.droits.map(\.libelle) + [fiche.territoire?.province?.libelle].compactMap { $0 } + fiche.publics
            + (fiche.territoire?.communes ?? []) + fiche.contacts.map(\.organisation)
        let fields = [
            fiche.titre, fiche.resume, (details + fiche.porteurs.map(\.libelle)).joined(separator: " · "), text,
        ]
        terms = Self.scores(fields, synonyms: synonyms)
        kept = KeptBytes(Self.result(fiche, text: text), in: spill)
    }

    /// The terms of the title, summary, details and body with their scores
    /// (title 10, summary 5, details 3, body 1 with at most five occurrences
    /// counted), as `SearchTerms` makes terms of words. Words are counted first,
    /// each occurrence with one lookup in a table of byte strings, then each
    /// distinct word is made a term once: a body says the same words again and
    /// again, and hashing each as a `String` took a tenth of a large build. A test
    /// compares it with the plain way (a dictionary of `SearchTerms.terms`).
    static func scores(_ fields: [String], synonyms: [[[SearchTerm]]] = []) -> TermScores {
        let weights = [SearchIndex.weights.titre, SearchIndex.weights.resume, SearchIndex.weights.details, 0]
        var words = ByteStrings()
        // Per distinct word, its count in each field.
        var counts: [Int] = []
        counts.reserveCapacity(1024)
        var folded: [UInt8] = []
        for (field, text) in fields.enumerated() {
            folded.removeAll(keepingCapacity: true)
            Slug.fold(text, into: &folded)
            folded.withUnsafeBufferPointer { bytes in
                var start = 0
                for index in 0...bytes.count {
                    if index < bytes.count, SearchTerms.isWordByte(bytes[index]) { continue }
                    if index > start {
                        let number = words.number(of: UnsafeBufferPointer(rebasing: bytes[start..<index]))
                        if number * fields.count == counts.count {
                            counts.append(contentsOf: repeatElement(0, count: fields.count))
                        }
                        counts[number * fields.count + field] += 1
                    }
                    start = index + 1
                }
            }
        }
        // Per term: the weighted counts of the title, summary and details, then the body's count.
        var terms = ByteStrings()
        var scores: [Int] = []
        scores.reserveCapacity(1024)
        var stemmed: [UInt8] = []
        for number in 0..<words.count {
            words.withBytes(of: number) { word in
                guard word.count > 1, !SearchTerms.isStopWord(word) else { return }
                stemmed.removeAll(keepingCapacity: true)
                SearchTerms.stem(word, into: &stemmed)
                let term = stemmed.withUnsafeBufferPointer { terms.number(of: $0) }
                if term * 2 == scores.count { scores += [0, 0] }
                for field in 0..<weights.count {
                    scores[term * 2] += counts[number * fields.count + field] * weights[field]
                }
                scores[term * 2 + 1] += counts[number * fields.count + fields.count - 1]
            }
        }
        var final = (0..<terms.count).map {
            scores[$0 * 2] + min(scores[$0 * 2 + 1], 5) * SearchIndex.weights.corps
        }
        expand(&terms, &final, synonyms: synonyms)
        return TermScores(terms) { final[$0] }
    }

    /// A fiche that has every term of one phrase of a synonym group gets the
    /// terms of the group's other phrases, at half that phrase's score (its
    /// lowest term's): found by them, after the fiches that say them.
    static func expand(_ terms: inout ByteStrings, _ final: inout [Int], synonyms: [[[SearchTerm]]]) {
        let known = terms.count
        for group in synonyms {
            var best = 0
            var numbers: [Int] = []
            for phrase in group {
                let phraseNumbers = phrase.map { term in
                    var text = term.text
                    return text.withUTF8 { terms.number(of: $0) }
                }
                numbers += phraseNumbers
                if phraseNumbers.allSatisfy({ $0 < known }) {
                    best = max(best, phraseNumbers.map { final[$0] }.min() ?? 0)
                }
            }
            // Terms met only here score 0, and `TermScores` leaves them out, unless the group is the fiche's.
            final += repeatElement(0, count: terms.count - final.count)
            let score = max(best / 2, 1)
            guard best > 0 else { continue }
            for number in numbers where final[number] < score { final[number] = score }
        }
    }

    /// The body's text up to `textLimit` characters, ending with a whole word.
    static func excerptable(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard scalars.count > SearchIndex.textLimit else { return text }
        let cut = scalars.index(scalars.startIndex, offsetBy: SearchIndex.textLimit)
        let end = scalars[..<cut].lastIndex(of: " ") ?? cut
        return String(scalars[..<end])
    }

    private static func result(_ fiche: Fiche, text: String) -> Data {
        JSONValue.object([
            "titre": .string(fiche.titre), "url": .string(Route.fiche(slug: fiche.slug).url),
            "resume": .string(fiche.resume),
            "texte": .string(excerptable(text)),
            "droits": .array(fiche.droits.map { .string($0.libelle) }), "lieu": fiche.lieu.map { .string($0) },
        ]).encoded(.compactWithSlashes)
    }
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
            for (label, id) in zip(published.fiche.publics, published.publicIDs) where !id.isEmpty {
                if seen.insert(id).inserted { publicCounts[id, default: (label, 0)].count += 1 }
            }
        }
        let publics = publicCounts.filter { $0.value.count > 1 }
            .sorted { ($1.value.count, $0.key) < ($0.value.count, $1.key) }
            .prefix(SearchIndex.publicsShown).map { Value(id: $0.key, label: $0.value.label) }
        let index = Dictionary(publics.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        facets = [
            Facet(
                name: "droit", title: "Droit", values: values(catalogue.droits),
                members: fiches.map(\.vocabulary.droits)),
            Facet(
                name: "province", title: "Province", values: values(catalogue.provinces),
                members: fiches.map(\.vocabulary.provinces)),
            Facet(
                name: "porteur", title: "Porteur", values: values(catalogue.porteurs),
                members: fiches.map(\.vocabulary.porteurs)),
            Facet(
                name: "public", title: "Public", values: publics,
                members: fiches.map { fiche in
                    let members = fiche.publicIDs.compactMap { index[$0] }
                    return members.count > 1 ? Set(members).sorted() : members
                }),
        ]
    }

    /// Each value's number of fiches.
    func counts(_ facet: Facet) -> [Int] {
        facet.members.reduce(into: [Int](repeating: 0, count: facet.values.count)) { counts, values in
            for value in values { counts[value] += 1 }
        }
    }
}

/// A fiche's search terms and scores, packed: every fiche keeps them until the
/// search files are written, and ten thousand arrays of strings would weigh
/// as much as the rest of the catalogue. Sorted by term, so the terms of one
/// shard are together, with where each shard starts.
struct TermScores: Sendable {
    /// Per term: its length, its bytes (letters and digits), its score in two bytes.
    private let bytes: [UInt8]
    /// Per shard, in order: its key's code and the offset of its first term in `bytes`.
    private let shards: [(code: UInt32, start: Int32)]

    /// The terms of `terms` with the score `score` gives each (by its number).
    /// Only terms of letters `a`–`z` and digits, at most 255 bytes (a longer one
    /// is no word anyone types), are kept.
    init(_ terms: ByteStrings, score: (Int) -> Int) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(terms.byteCount + terms.count * 3)
        var shards: [(code: UInt32, start: Int32)] = []
        for number in terms.sortedNumbers() {
            let score = score(number)
            terms.withBytes(of: number) { term in
                guard score > 0, !term.isEmpty, term.count <= 255, term.allSatisfy(SearchTerms.isWordByte) else {
                    return
                }
                let code = Self.code(term.prefix(3))
                if shards.last?.code != code { shards.append((code, Int32(bytes.count))) }
                bytes.append(UInt8(term.count))
                bytes.append(contentsOf: term)
                let clamped = UInt16(min(score, Int(UInt16.max)))
                bytes.append(UInt8(clamped >> 8))
                bytes.append(UInt8(clamped & 0xFF))
            }
        }
        self.bytes = bytes
        self.shards = shards
    }

    /// A shard's key (a term's first three bytes) as a number, in the same order.
    static func code(_ key: some Collection<UInt8>) -> UInt32 {
        var code: UInt32 = 0
        for byte in key.prefix(3) { code = code << 8 | UInt32(byte) }
        return code << (8 * UInt32(3 - min(key.count, 3)))
    }

    /// The codes of the shards of the terms, in order.
    var shardCodes: some Sequence<UInt32> { shards.lazy.map(\.code) }

    /// Where the terms of shard `code` are (for `forEach(in:)`); nil when there is none.
    func range(ofShard code: UInt32) -> Range<Int>? {
        var low = 0
        var high = shards.count
        while low < high {
            let middle = (low + high) / 2
            if shards[middle].code < code { low = middle + 1 } else { high = middle }
        }
        guard low < shards.count, shards[low].code == code else { return nil }
        return Int(shards[low].start)..<(low + 1 < shards.count ? Int(shards[low + 1].start) : bytes.count)
    }

    /// The key of a shard's code.
    static func key(_ code: UInt32) -> String {
        String(
            decoding: [UInt8(code >> 16), UInt8((code >> 8) & 0xFF), UInt8(code & 0xFF)].filter { $0 != 0 },
            as: UTF8.self)
    }

    /// `body` with each term (its bytes) and its score, in order.
    func forEach(_ body: (UnsafeBufferPointer<UInt8>, Int) -> Void) {
        forEach(in: 0..<bytes.count, body)
    }

    /// `body` with each term (its bytes) of `range` (of `range(ofShard:)`) and its score.
    func forEach(in range: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>, Int) -> Void) {
        bytes.withUnsafeBufferPointer { bytes in
            var offset = range.lowerBound
            while offset < range.upperBound {
                let length = Int(bytes[offset])
                let term = UnsafeBufferPointer(rebasing: bytes[(offset + 1)..<(offset + 1 + length)])
                offset += 1 + length
                body(term, Int(bytes[offset]) << 8 | Int(bytes[offset + 1]))
                offset += 2
            }
        }
    }
}

/// What a search shard is made of: the fiches with terms in it, by number.
struct ShardInput: Sendable, Equatable {
    /// The first letters of its terms, as `TermScores.code` gives them.
    let code: UInt32
    /// Every published fiche in slug order (one array shared by every shard).
    let fiches: [PublishedFiche]
    /// The numbers of the fiches with terms in the shard, in order.
    let numbers: [Int32]

    /// The same fiches by the same numbers: not the whole catalogue compared for each shard.
    static func == (a: ShardInput, b: ShardInput) -> Bool {
        a.code == b.code && a.numbers == b.numbers
            && a.numbers.allSatisfy { a.fiches[Int($0)] == b.fiches[Int($0)] }
    }
}

/// Distinct byte strings, each numbered in the order first met: an
/// open-addressing table over a pool of their bytes. Words are counted with it
/// (a table of `String` hashed each for a tenth of a large build).
struct ByteStrings {
    private var pool: [UInt8] = []
    /// Per string: its start in `pool`, its length, its hash.
    private var starts: [Int32] = []
    private var lengths: [Int32] = []
    private var hashes: [UInt32] = []
    /// The string's number + 1 in each slot, 0 when empty; a power of two long.
    private var slots = [Int32](repeating: 0, count: 256)

    var count: Int { starts.count }
    var byteCount: Int { pool.count }

    /// The number of `string`, added when it is new.
    mutating func number(of string: UnsafeBufferPointer<UInt8>) -> Int {
        var hash: UInt32 = 2_166_136_261  // FNV-1a
        for byte in string { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        var slot = Int(hash) & (slots.count - 1)
        while slots[slot] != 0 {
            let number = Int(slots[slot]) - 1
            if hashes[number] == hash, Int(lengths[number]) == string.count,
                pool.withUnsafeBufferPointer({
                    memcmp($0.baseAddress! + Int(starts[number]), string.baseAddress!, string.count) == 0
                })
            {
                return number
            }
            slot = (slot + 1) & (slots.count - 1)
        }
        starts.append(Int32(pool.count))
        lengths.append(Int32(string.count))
        hashes.append(hash)
        pool.append(contentsOf: string)
        slots[slot] = Int32(starts.count)
        if starts.count * 2 > slots.count { grow() }
        return starts.count - 1
    }

    private mutating func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        for number in hashes.indices {
            var slot = Int(hashes[number]) & (slots.count - 1)
            while slots[slot] != 0 { slot = (slot + 1) & (slots.count - 1) }
            slots[slot] = Int32(number + 1)
        }
    }

    /// `body` with the bytes of string `number`.
    func withBytes<T>(of number: Int, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        let start = Int(starts[number])
        return pool.withUnsafeBufferPointer {
            body(UnsafeBufferPointer(rebasing: $0[start..<(start + Int(lengths[number]))]))
        }
    }

    /// The numbers of the strings, in the byte order of the strings: by their
    /// first eight bytes as a number, then when those are the same by all of them.
    func sortedNumbers() -> [Int] {
        pool.withUnsafeBufferPointer { pool in
            func bytes(_ number: Int) -> UnsafeBufferPointer<UInt8> {
                UnsafeBufferPointer(rebasing: pool[Int(starts[number])..<(Int(starts[number]) + Int(lengths[number]))])
            }
            let keys = starts.indices.map { number in
                var key: UInt64 = 0
                let string = bytes(number)
                for index in 0..<8 { key = key << 8 | UInt64(index < string.count ? string[index] : 0) }
                return key
            }
            return Array(starts.indices).sorted {
                keys[$0] != keys[$1] ? keys[$0] < keys[$1] : bytes($0).lexicographicallyPrecedes(bytes($1))
            }
        }
    }
}
