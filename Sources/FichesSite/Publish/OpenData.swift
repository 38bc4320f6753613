import FichesCore
import Foundation
import Synchronization

/// `fiches.json` (with its JSON Schema, `fiches.schema.json`), `fiches.csv`
/// (RFC 4180) and `fiches-excel.csv` (`;` and a byte order mark, for Excel in
/// Belgium): every published fiche with its metadata, contacts and links, in
/// slug order. Dates come from the fiches only, so two builds of the same
/// sources are identical.
struct OpenData {
    let catalogue: Catalogue
    let fiches: [Fiche]
    /// The site's absolute base URL, ending with `/`.
    let baseURL: String
    /// The preview's pieces of the last run, reused for the fiches whose version is the same.
    var cache: OpenDataCache?
    /// Slug → the version of the fiche read (see `LoadedFiche.version`), for the cache.
    var versions: [String: UInt64] = [:]

    init(
        catalogue: Catalogue, fiches: [Fiche], baseURL: String, cache: OpenDataCache? = nil,
        versions: [String: UInt64] = [:]
    ) {
        self.catalogue = catalogue
        self.fiches = fiches.sorted { $0.slug < $1.slug }
        self.baseURL = baseURL
        self.cache = cache
        self.versions = versions
    }

    /// A fiche's pieces of fiches.json and of each CSV, from the cache when the
    /// fiche is the same version as when they were made.
    private func pieces(_ fiche: Fiche, make: (Entry) throws -> OpenDataCache.Pieces) rethrows -> OpenDataCache.Pieces {
        let version = versions[fiche.slug]
        if let version, let pieces = cache?.pieces(fiche.slug, version: version) { return pieces }
        var pieces = try make(entry(fiche))
        pieces.version = version
        cache?.store(pieces)
        return pieces
    }

    /// Raised only when a field changes meaning or goes away.
    static let version = 1

    /// The newest `mise-a-jour`: the date of the data, not of the build.
    var generatedOn: ISODate? { fiches.map(\.miseAJour).max() }

    struct Document: Encodable {
        struct Site: Encodable {
            var titre: String
            var url: String
            var langue: String
            var editeur: String
        }
        struct Right: Encodable {
            var id: String
            var libelle: String
            /// Fiches that have it, as main right or not.
            var fiches: Int
        }
        var version: Int
        var genereLe: String?
        var site: Site
        var droits: [Right]
        var fiches: [Entry]

        enum CodingKeys: String, CodingKey {
            case version, site, droits, fiches
            case genereLe = "genere-le"
        }
    }

    struct Entry: Encodable {
        struct Labelled: Encodable {
            var id: String
            var libelle: String
        }
        struct Right: Encodable {
            var id: String
            var libelle: String
            var principal: Bool
        }
        struct Territory: Encodable {
            var province: Labelled?
            var communes: [String]
        }
        struct Person: Encodable {
            var organisation: String
            var nom: String?
            var fonction: String?
            var email: String?
            var telephone: String?
            var telephoneE164: String?
            var site: String?
            var adresse: String?

            enum CodingKeys: String, CodingKey {
                case organisation, nom, fonction, email, telephone, site, adresse
                case telephoneE164 = "telephone-e164"
            }
        }
        struct Link: Encodable {
            var titre: String
            var url: String
        }
        var slug: String
        var url: String
        var titre: String
        var resume: String
        var droits: [Right]
        var publics: [String]
        var porteurs: [Labelled]
        var territoire: Territory?
        var contacts: [Person]
        var liens: [Link]
        var miseAJour: String
        var statut: String

        enum CodingKeys: String, CodingKey {
            case slug, url, titre, resume, droits, publics, porteurs, territoire, contacts, liens, statut
            case miseAJour = "mise-a-jour"
        }
    }

    /// Two levels deeper than the encoder writes it, as in the document; an
    /// empty line (inside an empty list) stays empty.
    static func indented(_ json: Data) -> Data {
        var indented = Array("    ".utf8)
        indented.reserveCapacity(json.count + json.count / 8)
        var previous: UInt8 = 0
        for byte in json {
            if previous == 0x0A, byte != 0x0A { indented += [0x20, 0x20, 0x20, 0x20] }
            indented.append(byte)
            previous = byte
        }
        return Data(indented)
    }

    func entry(_ fiche: Fiche) -> Entry {
        Entry(
            slug: fiche.slug, url: "\(baseURL)fiches/\(fiche.slug)/", titre: fiche.titre, resume: fiche.resume,
            droits: fiche.droits.enumerated().compactMap { index, id in
                catalogue.droit(id).map { .init(id: id, libelle: $0.libelle, principal: index == 0) }
            },
            publics: fiche.publics,
            porteurs: fiche.porteurs.compactMap { id in catalogue.porteur(id).map { .init(id: id, libelle: $0.libelle) }
            },
            territoire: fiche.territoire.map { territoire in
                .init(
                    province: territoire.province.flatMap { id in
                        catalogue.province(id).map { .init(id: id, libelle: $0.libelle) }
                    }, communes: territoire.communes)
            },
            contacts: fiche.contacts.map {
                .init(
                    organisation: $0.organisation, nom: $0.nom, fonction: $0.fonction, email: $0.email?.address,
                    telephone: $0.telephone?.display, telephoneE164: $0.telephone?.e164,
                    site: $0.site?.absoluteString, adresse: $0.adresse)
            },
            liens: fiche.liens.map { .init(titre: $0.titre, url: $0.url.absoluteString) },
            miseAJour: fiche.miseAJour.description, statut: fiche.statut.rawValue)
    }

    func json() throws -> Data {
        var data = Data()
        try json { data += $0 }
        return data
    }

    private var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    func wholeJSON() throws -> Data {
        try encoder.encode(document(fiches: fiches.map(entry))) + Data("\n".utf8)
    }

    /// `json()` spliced; nil if the encoder no longer writes an empty list the way `json` expects.
    func splicedJSON() throws -> Data? {
        var data = Data()
        return try json { data += $0 } ? data : nil
    }

    /// The document without its fiches, then each fiche encoded on its own and
    /// indented into the list: what `wholeJSON` writes, in pieces, without the
    /// encoder's tree of ten thousand fiches in memory at once. False when it had
    /// to encode the whole (the encoder no longer writes an empty list as expected).
    @discardableResult
    func json(into piece: (Data) throws -> Void) throws -> Bool {
        let encoder = encoder
        let skeleton = String(decoding: try encoder.encode(document(fiches: [])), as: UTF8.self)
        let empty = "\"fiches\" : [\n\n  ]"
        guard !fiches.isEmpty else {
            try piece(Data((skeleton + "\n").utf8))
            return true
        }
        guard let hole = skeleton.range(of: empty) else {
            try piece(try wholeJSON())
            return false
        }
        try piece(Data(skeleton[..<hole.lowerBound].utf8) + Data("\"fiches\" : [\n".utf8))
        for (index, fiche) in fiches.enumerated() {
            if index > 0 { try piece(Data(",\n".utf8)) }
            guard cache != nil else {
                try piece(Self.indented(try encoder.encode(entry(fiche))))
                continue
            }
            try piece(try pieces(fiche) { try OpenDataCache.Pieces($0, encoder: encoder, csv: Self.csvRow) }.json)
        }
        try piece(Data("\n  ]".utf8) + Data(skeleton[hole.upperBound...].utf8) + Data("\n".utf8))
        return true
    }

    func document(fiches entries: [Entry]) -> Document {
        Document(
            version: Self.version, genereLe: generatedOn?.description,
            site: .init(
                titre: catalogue.site.titre, url: baseURL, langue: catalogue.site.langue,
                editeur: catalogue.site.editeur),
            droits: catalogue.droits.map { droit in
                .init(
                    id: droit.id, libelle: droit.libelle, fiches: fiches.filter { $0.droits.contains(droit.id) }.count)
            },
            fiches: entries)
    }

    // MARK: CSV

    /// The columns, in order, and how each is read from a fiche; lists are joined with ` | `.
    static let columns: [(name: String, value: @Sendable (Entry) -> String)] = [
        ("slug", \.slug), ("url", \.url), ("titre", \.titre), ("resume", \.resume),
        ("droit-principal", { $0.droits.first?.libelle ?? "" }),
        ("droits", { $0.droits.map(\.libelle).joined(separator: " | ") }),
        ("publics", { $0.publics.joined(separator: " | ") }),
        ("porteurs", { $0.porteurs.map(\.libelle).joined(separator: " | ") }),
        ("province", { $0.territoire?.province?.libelle ?? "" }),
        ("communes", { ($0.territoire?.communes ?? []).joined(separator: " | ") }),
        // Contacts flattened: one column per field, the contacts in the same order in each.
        ("contacts-organisations", { $0.contacts.map(\.organisation).joined(separator: " | ") }),
        ("contacts-noms", { $0.contacts.map { $0.nom ?? "" }.joined(separator: " | ") }),
        ("contacts-fonctions", { $0.contacts.map { $0.fonction ?? "" }.joined(separator: " | ") }),
        ("contacts-emails", { $0.contacts.map { $0.email ?? "" }.joined(separator: " | ") }),
        ("contacts-telephones", { $0.contacts.map { $0.telephone ?? "" }.joined(separator: " | ") }),
        ("contacts-sites", { $0.contacts.map { $0.site ?? "" }.joined(separator: " | ") }),
        ("contacts-adresses", { $0.contacts.map { $0.adresse ?? "" }.joined(separator: " | ") }),
        ("liens", { $0.liens.map(\.url).joined(separator: " | ") }),
        ("mise-a-jour", \.miseAJour), ("statut", \.statut),
    ]

    /// RFC 4180: CRLF line ends, a field quoted when it holds the separator, a quote or a line end.
    /// For Excel (`neutraliseFormulas`), a field that starts like a formula (`=`, `+`, `-`, `@`, tab,
    /// carriage return) gets a leading `'`, so a spreadsheet shows it as text and never runs it.
    func csv(separator: Character = ",", byteOrderMark: Bool = false, neutraliseFormulas: Bool = false) throws -> Data {
        var data = Data()
        try csv(separator: separator, byteOrderMark: byteOrderMark, neutraliseFormulas: neutraliseFormulas) {
            data += $0
        }
        return data
    }

    /// `csv` in pieces, a row at a time.
    func csv(
        separator: Character = ",", byteOrderMark: Bool = false, neutraliseFormulas: Bool = false,
        into piece: (Data) throws -> Void
    ) throws {
        let header = Self.csvRow(Self.columns.map(\.name), separator: separator, neutraliseFormulas: neutraliseFormulas)
        try piece(Data(((byteOrderMark ? "\u{FEFF}" : "") + header).utf8))
        for fiche in fiches {
            guard cache != nil else {
                let entry = entry(fiche)
                let values = Self.columns.map { $0.value(entry) }
                try piece(Data(Self.csvRow(values, separator: separator, neutraliseFormulas: neutraliseFormulas).utf8))
                continue
            }
            let pieces = try pieces(fiche) { try OpenDataCache.Pieces($0, encoder: nil, csv: Self.csvRow) }
            try piece(Data((separator == "," ? pieces.csv : pieces.excel).utf8))
        }
    }

    /// One row of a CSV, with its line end.
    static func csvRow(_ values: [String], separator: Character, neutraliseFormulas: Bool) -> String {
        let separatorByte = separator.asciiValue!
        func field(_ text: String) -> String {
            var text = text
            if neutraliseFormulas, let first = text.utf8.first, "=+-@\t\r".utf8.contains(first) { text = "'" + text }
            guard text.utf8.contains(where: { $0 == separatorByte || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else {
                return text
            }
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return values.map(field).joined(separator: String(separator)) + "\r\n"
    }

    /// Each file goes to `sink` as soon as it is made.
    func write(into sink: any SiteSink, schema: Data?) throws {
        try sink.put("fiches.json") { try json(into: $0) }
        try sink.put("fiches.csv") { try csv(into: $0) }
        try sink.put("fiches-excel.csv") {
            try csv(separator: ";", byteOrderMark: true, neutraliseFormulas: true, into: $0)
        }
        if let schema { try sink.put(OutputFile(path: "fiches.schema.json", contents: .bytes(schema))) }
    }
}

/// The preview's pieces of the open data files, by fiche: after a save, only
/// the fiches read again (a new version) are encoded again.
final class OpenDataCache: Sendable {
    struct Pieces: Sendable {
        var slug: String
        /// The version of the fiche they were made from.
        var version: UInt64?
        /// Indented for the document; empty when made for the CSVs only.
        var json: Data
        var csv: String
        var excel: String

        init(
            _ entry: OpenData.Entry, encoder: JSONEncoder?,
            csv row: ([String], Character, Bool) -> String
        ) throws {
            slug = entry.slug
            version = nil
            json = try encoder.map { OpenData.indented(try $0.encode(entry)) } ?? Data()
            let values = OpenData.columns.map { $0.value(entry) }
            csv = row(values, ",", false)
            excel = row(values, ";", true)
        }
    }

    private let pieces = Mutex<[String: Pieces]>([:])

    func pieces(_ slug: String, version: UInt64) -> Pieces? {
        pieces.withLock { $0[slug].flatMap { $0.version == version && !$0.json.isEmpty ? $0 : nil } }
    }

    func store(_ pieces: Pieces) {
        self.pieces.withLock { $0[pieces.slug] = pieces }
    }

    func clear() { pieces.withLock { $0 = [:] } }
}
