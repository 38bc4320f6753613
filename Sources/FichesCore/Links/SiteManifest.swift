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
public struct LinkOrigin: Codable, Sendable, Hashable {
    public var link: String
    public var file: String
    public var location: SourceLocation

    public init(link: String, file: String, location: SourceLocation) {
        self.link = link
        self.file = file
        self.location = location
    }

    // `["href", "sante/x.md", 12, 5]`: compact, since a big site has many.
    public init(from decoder: any Decoder) throws {
        var values = try decoder.unkeyedContainer()
        link = try values.decode(String.self)
        file = try values.decode(String.self)
        location = SourceLocation(line: try values.decode(Int.self), column: try values.decode(Int.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var values = encoder.unkeyedContainer()
        try values.encode(link)
        try values.encode(file)
        try values.encode(location.line)
        try values.encode(location.column)
    }
}

/// `.fiches-origines.json`: for each page, where its links come from in the
/// fiches, so the link checker names the line an editor has to fix. Read only
/// when there is a problem to report.
public struct LinkOrigins: Codable, Sendable, Equatable {
    public static let fileName = ".fiches-origines.json"

    public var format = 1
    /// Page path (relative to the site) → the links of that page written in fiches.
    public var origines: [String: [LinkOrigin]]

    public init(_ origines: [String: [LinkOrigin]]) {
        self.origines = origines
    }

    /// What `JSONEncoder` with sorted keys writes (a test compares them), written directly:
    /// a large site's origins are tens of megabytes, and the encoder took a twentieth of a build.
    public func encoded() -> Data {
        var bytes = Array("{\"format\":\(format),\"origines\":{".utf8)
        for (index, page) in origines.keys.sorted().enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            JSONValue.write(page, into: &bytes, escapingSlashes: false)
            bytes += Array(":[".utf8)
            for (position, origin) in origines[page, default: []].enumerated() {
                bytes += position > 0 ? Array(",[".utf8) : [UInt8(ascii: "[")]
                JSONValue.write(origin.link, into: &bytes, escapingSlashes: false)
                bytes.append(UInt8(ascii: ","))
                JSONValue.write(origin.file, into: &bytes, escapingSlashes: false)
                bytes += Array(",\(origin.location.line),\(origin.location.column)]".utf8)
            }
            bytes.append(UInt8(ascii: "]"))
        }
        bytes += Array("}}".utf8)
        return Data(bytes)
    }

    public static func read(site folder: String) -> LinkOrigins? { SiteManifest.decode(at: "\(folder)/\(fileName)") }
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
