import Foundation

/// Where a link of a page leads.
public enum Resolution: Hashable, Sendable {
    /// A file of the site, relative to its folder (`""` or ending with `/`: a
    /// folder, which means its `index.html`), and the fragment, percent-decoded.
    case page(path: String, fragment: String?)
    /// The site's root without its final `/` (`https://example.org/bonnes-pratiques`).
    case rootWithoutSlash(fragment: String?)
    /// Above the site's folder or outside its base path.
    case outside
    /// An http(s) URL of another site, without its fragment.
    case web(String)
    /// What follows `mailto:` or `tel:`.
    case mail(String)
    case phone(String)
    /// Another scheme (`data:`, `ftp:`…), not checked.
    case ignored(scheme: String)
}

/// Resolves the links of a page as a browser would (RFC 3986), against the
/// page's address under the site's base URL, or its `<base href>`.
public struct LinkResolver: Sendable {
    /// The absolute base URL, ending with `/`: `https://example.org/bonnes-pratiques/`.
    let siteURL: String
    /// `https`
    let scheme: String
    /// `/bonnes-pratiques/`
    let basePath: String

    /// What relative links of a page are resolved against.
    public enum Base: Sendable, Equatable {
        /// A document of the site (the page itself, or a `<base>` inside the site).
        case document(String)
        /// A `<base>` on another site.
        case url(URL)
    }

    public init(siteURL: String) {
        var url = siteURL
        if !url.hasSuffix("/") { url += "/" }
        self.siteURL = url
        let components = URLComponents(string: url)
        scheme = components?.scheme ?? "https"
        let path = components?.path ?? "/"
        basePath = path.hasSuffix("/") ? path : path + "/"
    }

    /// The base of `page`'s relative links, given its `<base href>` if any.
    public func base(of page: String, baseHref: String?) -> Base {
        guard let baseHref else { return .document(page) }
        switch resolve(baseHref, from: .document(page)) {
        case .page(let path, _): return .document(path)
        case .rootWithoutSlash: return .document("")
        case .web(let url): return URL(string: url).map(Base.url) ?? .document(page)
        default: return .document(page)
        }
    }

    public func resolve(_ link: String, from base: Base) -> Resolution {
        let href = link.trimmingCharacters(in: Self.whitespace)
        if let scheme = Self.scheme(of: href) {
            switch scheme.lowercased() {
            case "http", "https": return absolute(href)
            case "mailto": return .mail(String(href.dropFirst(7)))
            case "tel": return .phone(String(href.dropFirst(4)))
            default: return .ignored(scheme: scheme.lowercased())
            }
        }
        if href.hasPrefix("//") { return absolute("\(scheme):\(href)") }
        switch base {
        case .url(let url):
            guard let absolute = URL(string: href, relativeTo: url)?.absoluteString else {
                return .ignored(scheme: "")
            }
            return resolve(absolute, from: .document(""))
        case .document(let document):
            let (path, fragment) = Self.split(href)
            if path.isEmpty { return .page(path: document, fragment: fragment) }
            if path.hasPrefix("/") {
                if path + "/" == basePath { return .rootWithoutSlash(fragment: fragment) }
                guard path.hasPrefix(basePath) else { return .outside }
                return merge(String(path.dropFirst(basePath.count)), into: "", fragment: fragment)
            }
            return merge(path, into: document, fragment: fragment)
        }
    }

    /// An absolute http(s) URL: a page of the site when it is under the base URL.
    private func absolute(_ url: String) -> Resolution {
        if url.hasPrefix(siteURL) {
            return resolve(String(url.dropFirst(siteURL.count)), from: .document(""))
        }
        let (path, fragment) = Self.split(url)
        if path + "/" == siteURL { return .rootWithoutSlash(fragment: fragment) }
        if let hash = url.firstIndex(of: "#") { return .web(String(url[..<hash])) }
        return .web(url)
    }

    /// `path` relative to `document`'s folder, dot segments removed, percent-decoded.
    private func merge(_ path: String, into document: String, fragment: String?) -> Resolution {
        var segments: [Substring] = []
        if let slash = document.lastIndex(of: "/") {
            segments = document[..<slash].split(separator: "/")
        }
        var folder = path.hasSuffix("/")
        for segment in path.split(separator: "/") {
            switch segment {
            case ".": folder = true
            case "..":
                if segments.isEmpty { return .outside }
                segments.removeLast()
                folder = true
            default:
                segments.append(segment)
                folder = path.hasSuffix("/")
            }
        }
        var joined = segments.joined(separator: "/")
        if folder, !joined.isEmpty { joined += "/" }
        if joined.contains("%") { joined = joined.removingPercentEncoding ?? joined }
        return .page(path: joined, fragment: fragment)
    }

    /// The path (without its query) and the percent-decoded fragment of a reference.
    static func split(_ href: String) -> (path: String, fragment: String?) {
        var path = Substring(href)
        var fragment: String?
        if let hash = path.firstIndex(of: "#") {
            let raw = path[path.index(after: hash)...]
            fragment = raw.contains("%") ? (raw.removingPercentEncoding ?? String(raw)) : String(raw)
            path = path[..<hash]
        }
        if let question = path.firstIndex(of: "?") { path = path[..<question] }
        return (String(path), fragment)
    }

    /// `https` of `https://…`; nil for a relative reference.
    static func scheme(of href: String) -> String? {
        guard let colon = href.firstIndex(of: ":"), colon != href.startIndex else { return nil }
        let scheme = href[..<colon]
        guard scheme.first!.isASCII, scheme.first!.isLetter,
            scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) })
        else { return nil }
        return String(scheme)
    }

    private static let whitespace = CharacterSet(charactersIn: " \t\n\r\u{0C}")
}
