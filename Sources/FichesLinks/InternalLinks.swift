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
                guard let (target, fragment) = resolve(link.value, from: path) else { continue }
                func report(_ reason: String) {
                    broken.append(BrokenLink(page: path, line: link.line, link: link.value, reason: reason))
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

    /// The target file (relative to the site) and fragment of an internal link; nil for external ones.
    func resolve(_ value: String, from page: String) -> (String, String?)? {
        var reference = value
        if reference.hasPrefix(baseURL.absoluteString) {
            reference = baseURL.path + reference.dropFirst(baseURL.absoluteString.count)
        }
        guard let components = URLComponents(string: reference), components.scheme == nil, components.host == nil else {
            return nil
        }
        let fragment = components.percentEncodedFragment.map { $0.removingPercentEncoding ?? $0 }
        var path = components.percentEncodedPath.removingPercentEncoding ?? components.percentEncodedPath
        if path.isEmpty { return (page, fragment) }
        if path.hasPrefix("/") {
            guard path.hasPrefix(baseURL.path) else { return ("\u{0}outside-base\(path)", fragment) }
            path = String(path.dropFirst(baseURL.path.count))
        } else {
            path = (page as NSString).deletingLastPathComponent + "/" + path
        }
        var parts: [String] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                if parts.isEmpty { return ("\u{0}outside-site/\(value)", fragment) }
                parts.removeLast()
            } else {
                parts.append(String(part))
            }
        }
        var target = parts.joined(separator: "/")
        if path.hasSuffix("/") || target.isEmpty { target += target.isEmpty ? "index.html" : "/index.html" }
        return (target, fragment)
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
