import FichesCore
import Foundation

/// One file of the generated site.
struct OutputFile: Sendable, Equatable {
    enum Contents: Sendable, Equatable {
        case bytes(Data)
        /// A file to copy as it is (an asset or a media).
        case copy(from: String)
    }

    /// Relative to the site's root: `fiches/alzheimer-cafe/index.html`.
    var path: String
    var contents: Contents

    static func page(_ path: String, _ html: String) -> OutputFile {
        OutputFile(path: path, contents: .bytes(Data(html.utf8)))
    }
}

/// The whole site, in memory until it is written.
public struct GeneratedSite: Sendable {
    /// Sorted by path.
    var files: [OutputFile]
    /// Written as `.fiches-site` (the base URL) and `.fiches-origines.json`.
    public var manifest: SiteManifest
    public var origins: LinkOrigins

    /// The paths of the site's files, sorted.
    public var paths: [String] { files.map(\.path) }

    /// The number of HTML pages.
    public var pageCount: Int { files.filter { $0.path.hasSuffix(".html") }.count }

    /// The bytes of one generated file.
    public func contents(of path: String) throws -> Data? {
        try files.first { $0.path == path }.map(contents(of:))
    }
}

extension GeneratedSite {
    /// The site's HTML pages and the paths of all its files, for a link check before anything is written.
    public func pagesAndPaths() throws -> (pages: [(path: String, html: Data)], paths: [String]) {
        let pages = try files.filter { $0.path.hasSuffix(".html") }.map { ($0.path, try contents(of: $0)) }
        return (pages, paths)
    }

    private func contents(of file: OutputFile) throws -> Data {
        switch file.contents {
        case .bytes(let data): return data
        case .copy(let source): return try Data(contentsOf: URL(fileURLWithPath: source))
        }
    }
}
