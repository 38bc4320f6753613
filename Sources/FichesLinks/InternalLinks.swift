import Foundation

/// A link of the built site that reaches nothing.
public struct BrokenLink: Hashable, Sendable, CustomStringConvertible {
    /// The page, relative to the site's folder, and the line of the link.
    public var page: String
    public var line: Int
    public var link: String
    public var reason: String

    public var description: String { "\(page):\(line): \(reason) « \(link) »" }
}

/// Follows every internal link of a built site: the target file must exist
/// (a folder means its `index.html`) and a fragment must name an id there.
public struct InternalLinks {
    let folder: URL
    /// The site's absolute base URL, so absolute links under it count as internal.
    let baseURL: URL

    public init(folder: String, baseURL: String) {
        self.folder = URL(fileURLWithPath: folder).standardizedFileURL
        self.baseURL = URL(string: baseURL)!
    }

    public func check() throws -> [BrokenLink] {
        let pages = try htmlFiles()
        var scanned: [String: HTMLPage] = [:]
        for path in pages {
            scanned[path] = HTMLScanner.scan(try Data(contentsOf: folder.appendingPathComponent(path)))
        }
        var broken: [BrokenLink] = []
        for path in pages {
            let page = scanned[path]!
            for link in page.links {
                func report(_ reason: String) {
                    broken.append(BrokenLink(page: path, line: link.line, link: link.value, reason: reason))
                }
                let target: String
                let fragment: String?
                switch resolve(link.value, from: path) {
                case .external: continue
                case .outside:
                    report("lien hors du site")
                    continue
                case .file(let file, let anchor): (target, fragment) = (file, anchor)
                }
                var isDirectory: ObjCBool = false
                let file = folder.appendingPathComponent(target).path
                guard FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory) else {
                    report("lien cassé")
                    continue
                }
                if isDirectory.boolValue {
                    report("lien vers un dossier sans « / » final")
                    continue
                }
                if let fragment, !fragment.isEmpty, target.hasSuffix(".html") {
                    let ids = scanned[target]?.ids ?? []
                    if !ids.contains(fragment) { report("ancre introuvable") }
                }
            }
        }
        return broken
    }

    /// Where a link of a page leads.
    enum Resolution: Equatable {
        /// Another site, or a scheme such as `mailto:`.
        case external
        /// A path above the site's folder or outside its base path.
        case outside
        /// A file of the site (relative to its folder) and the fragment, if any.
        case file(String, fragment: String?)
    }

    func resolve(_ value: String, from page: String) -> Resolution {
        var reference = value
        if reference.hasPrefix(baseURL.absoluteString) {
            reference = baseURL.path + reference.dropFirst(baseURL.absoluteString.count)
        }
        guard let components = URLComponents(string: reference), components.scheme == nil, components.host == nil else {
            return .external
        }
        let fragment = components.percentEncodedFragment.map { $0.removingPercentEncoding ?? $0 }
        var path = components.percentEncodedPath.removingPercentEncoding ?? components.percentEncodedPath
        if path.isEmpty { return .file(page, fragment: fragment) }
        if path.hasPrefix("/") {
            guard path.hasPrefix(baseURL.path) else { return .outside }
            path = String(path.dropFirst(baseURL.path.count))
        } else {
            path = (page as NSString).deletingLastPathComponent + "/" + path
        }
        var parts: [String] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                if parts.isEmpty { return .outside }
                parts.removeLast()
            } else {
                parts.append(String(part))
            }
        }
        var target = parts.joined(separator: "/")
        if path.hasSuffix("/") || target.isEmpty { target += target.isEmpty ? "index.html" : "/index.html" }
        return .file(target, fragment: fragment)
    }

    private func htmlFiles() throws -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        var paths: [String] = []
        while let path = enumerator.nextObject() as? String {
            if path.hasSuffix(".html") { paths.append(path) }
        }
        return paths.sorted()
    }
}
