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
    /// An http(s) URL of another site, with its fragment: the checker looks
    /// for the anchor in the page.
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
        let href = Self.trimmed(link)
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
        return .web(url)
    }

    /// `path` relative to `document`'s folder, dot segments removed (RFC 3986,
    /// 5.2.4), percent-decoded. Works on bytes: the checker does this for every link.
    private func merge(_ path: String, into document: String, fragment: String?) -> Resolution {
        let slash = UInt8(ascii: "/")
        var merged: [UInt8] = []
        merged.reserveCapacity(document.utf8.count + path.utf8.count)
        if let last = document.utf8.lastIndex(of: slash) { merged += document.utf8[...last] }
        // `merged` is empty or ends with `/`, except after a last segment that names a file.
        var path = path
        path.makeContiguousUTF8()
        return path.utf8.withContiguousStorageIfAvailable { bytes in
            merge(bytes, onto: &merged, fragment: fragment)
        }!
    }

    private func merge(
        _ bytes: UnsafeBufferPointer<UInt8>, onto merged: inout [UInt8], fragment: String?
    ) -> Resolution {
        let slash = UInt8(ascii: "/")
        let dot = UInt8(ascii: ".")
        var start = 0
        while start <= bytes.count {
            let end = bytes[start...].firstIndex(of: slash) ?? bytes.count
            let segment = bytes[start..<end]
            if segment.count == 2, segment.allSatisfy({ $0 == dot }) {
                guard !merged.isEmpty else { return .outside }
                merged.removeLast()
                while let last = merged.last, last != slash { merged.removeLast() }
            } else if !segment.isEmpty, !(segment.count == 1 && segment.first == dot) {
                merged += segment
                if end < bytes.count { merged.append(slash) }
            }
            start = end + 1
        }
        return .page(path: Self.percentDecoded(String(decoding: merged, as: UTF8.self)), fragment: fragment)
    }

    /// The path (without its query) and the percent-decoded fragment of a reference.
    static func split(_ href: String) -> (path: String, fragment: String?) {
        let bytes = href.utf8
        guard let end = bytes.firstIndex(where: { $0 == UInt8(ascii: "#") || $0 == UInt8(ascii: "?") }) else {
            return (href, nil)
        }
        let fragment = bytes[end...].firstIndex(of: UInt8(ascii: "#")).map {
            percentDecoded(String(href[bytes.index(after: $0)...]))
        }
        return (String(href[..<end]), fragment)
    }

    /// `https` of `https://…`; nil for a relative reference.
    static func scheme(of href: String) -> String? {
        let bytes = href.utf8
        guard let first = bytes.first, (first | 0x20) >= UInt8(ascii: "a"), (first | 0x20) <= UInt8(ascii: "z") else {
            return nil
        }
        for index in bytes.indices.dropFirst() {
            switch bytes[index] {
            case UInt8(ascii: ":"): return String(href[..<index])
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
                continue
            default: return nil
            }
        }
        return nil
    }

    /// Without the ASCII whitespace browsers strip from both ends of a URL.
    static func trimmed(_ link: String) -> String {
        func isSpace(_ byte: UInt8) -> Bool {
            byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C
        }
        let bytes = link.utf8
        guard let first = bytes.first, let last = bytes.last, isSpace(first) || isSpace(last) else { return link }
        let start = bytes.firstIndex { !isSpace($0) } ?? bytes.endIndex
        let end = bytes.lastIndex { !isSpace($0) }.map(bytes.index(after:)) ?? start
        return start < end ? String(link[start..<end]) : ""
    }

    /// `%C3%A9` → `é`; unchanged when there is no `%`, or when the bytes it
    /// stands for are not UTF-8 (a browser would not find such a file either).
    static func percentDecoded(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "%")) else { return text }
        func hex(_ byte: UInt8) -> UInt8? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
            default: nil
            }
        }
        let bytes = Array(text.utf8)
        var decoded: [UInt8] = []
        decoded.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count,
                let high = hex(bytes[index + 1]), let low = hex(bytes[index + 2])
            {
                decoded.append(high << 4 | low)
                index += 3
            } else {
                decoded.append(bytes[index])
                index += 1
            }
        }
        return String(validating: decoded, as: UTF8.self) ?? text
    }
}
