import Foundation

/// What `fiches build` leaves in the site's `.fiches-site` file: the mark that the
/// folder is generated, the base URL it was built for, and, for each page, where
/// its links come from in the fiches, so the link checker can name the line an
/// editor has to fix.
public struct SiteManifest: Codable, Sendable, Equatable {
    /// The file, at the root of a generated site.
    public static let fileName = ".fiches-site"

    /// A link of a page written in a fiche: the `href` as the page has it, and
    /// the place in the fiche (its path relative to the source folder).
    public struct Origin: Codable, Sendable, Hashable {
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

    public var avertissement = "Ce dossier est généré par « fiches build » et remplacé à chaque construction."
    public var format = 1
    /// The absolute base URL of the build (`site.url` or `--base-url`), ending with `/`.
    public var url: String
    /// Page path (relative to the site) → the links of that page written in fiches.
    public var origines: [String: [Origin]]

    public init(url: String, origines: [String: [Origin]]) {
        self.url = url
        self.origines = origines
    }

    /// The manifest's bytes: sorted keys, so two builds of the same sources match.
    public func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)) ?? Data()
    }

    /// Reads a site's manifest; nil when the folder has none or it is not this format.
    public static func read(site folder: String) -> SiteManifest? {
        guard let data = FileManager.default.contents(atPath: "\(folder)/\(fileName)") else { return nil }
        return try? JSONDecoder().decode(SiteManifest.self, from: data)
    }
}
