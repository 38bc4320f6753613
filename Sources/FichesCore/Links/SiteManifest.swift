import Foundation

/// `.fiches-site`, at the root of a generated site: the mark that the folder is
/// generated (the build replaces only such folders) and the base URL it was built for.
public struct SiteManifest: Codable, Sendable, Equatable {
    public static let fileName = ".fiches-site"

    public var avertissement = "Ce dossier est généré par « fiches build » et remplacé à chaque construction."
    public var format = 1
    /// The absolute base URL of the build (`site.url` or `--base-url`), ending with `/`.
    public var url: String

    public init(url: String) {
        self.url = url
    }

    public func encoded() -> Data { Self.encode(self) }

    /// Nil when the folder has no manifest or it is not this format.
    public static func read(site folder: String) -> SiteManifest? { decode(at: "\(folder)/\(fileName)") }
}

/// A link of a page written in a fiche: the `href` as the page has it, and the
/// place in the fiche (its path relative to the source folder).
public struct LinkOrigin: Sendable, Hashable {
    public var link: String
    public var file: String
    public var location: SourceLocation

    public init(link: String, file: String, location: SourceLocation) {
        self.link = link
        self.file = file
        self.location = location
    }
}

/// `.fiches-origines.json`: for each page, where its links come from in the
/// fiches, so the link checker names the line an editor has to fix. Read only
/// when there is a problem to report. Each fiche's path is written once, in
/// `fichiers`, and each link refers to it by its place in that list:
/// `{"format":2,"fichiers":["sante/a.md"],"origines":{"fiches/a/index.html":[["../b/",0,12,5]]}}`.
public struct LinkOrigins: Sendable, Equatable {
    public static let fileName = ".fiches-origines.json"

    /// Page path (relative to the site) → the links of that page written in fiches.
    public var origines: [String: [LinkOrigin]]

    public init(_ origines: [String: [LinkOrigin]]) {
        self.origines = origines
    }

    /// The document, written directly: a large site has hundreds of thousands of origins.
    public func encoded() -> Data {
        let files = Set(origines.values.flatMap { $0.map(\.file) }).sorted()
        let numbers = Dictionary(uniqueKeysWithValues: files.enumerated().map { ($1, $0) })
        var bytes = Array("{\"fichiers\":[".utf8)
        for (index, file) in files.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            JSONValue.write(file, into: &bytes, escapingSlashes: false)
        }
        bytes += Array("],\"format\":2,\"origines\":{".utf8)
        for (index, page) in origines.keys.sorted().enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            JSONValue.write(page, into: &bytes, escapingSlashes: false)
            bytes += Array(":[".utf8)
            for (position, origin) in origines[page, default: []].enumerated() {
                bytes += position > 0 ? Array(",[".utf8) : [UInt8(ascii: "[")]
                JSONValue.write(origin.link, into: &bytes, escapingSlashes: false)
                bytes += Array(",\(numbers[origin.file] ?? 0),\(origin.location.line),\(origin.location.column)]".utf8)
            }
            bytes.append(UInt8(ascii: "]"))
        }
        bytes += Array("}}".utf8)
        return Data(bytes)
    }

    /// The origins of the site in `folder`; nil when it has none or they are not of this format.
    public static func read(site folder: String) -> LinkOrigins? {
        struct Document: Decodable {
            var format: Int
            var fichiers: [String]
            var origines: [String: [Origin]]
        }
        struct Origin: Decodable {
            var link: String
            var file: Int
            var line: Int
            var column: Int

            init(from decoder: any Decoder) throws {
                var values = try decoder.unkeyedContainer()
                link = try values.decode(String.self)
                file = try values.decode(Int.self)
                line = try values.decode(Int.self)
                column = try values.decode(Int.self)
            }
        }
        guard let document: Document = SiteManifest.decode(at: "\(folder)/\(fileName)"), document.format == 2 else {
            return nil
        }
        return LinkOrigins(
            document.origines.mapValues { origins in
                origins.compactMap { origin in
                    document.fichiers.indices.contains(origin.file)
                        ? LinkOrigin(
                            link: origin.link, file: document.fichiers[origin.file],
                            location: SourceLocation(line: origin.line, column: origin.column)) : nil
                }
            })
    }
}

extension SiteManifest {
    /// Sorted keys, so two builds of the same sources give the same bytes.
    static func encode(_ value: some Encodable) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)) ?? Data()
    }

    static func decode<T: Decodable>(at path: String) -> T? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return try? JSONDecoder().decode(T.self, from: data)
    }
}
