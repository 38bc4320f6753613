import Foundation

/// Every address of the generated site, one case per kind of file. `Router`
/// turns a route into a file path, a link from another page or an absolute
/// URL: no other code spells an address of the site.
public enum Route: Hashable, Sendable {
    /// `index.html`.
    case home
    /// `fiches/<slug>/`.
    case fiche(slug: String)
    /// `fiches/<slug>/contact-<n>.vcf`: the fiche's contact `n` (from 1), for a phone's contacts.
    case vcard(slug: String, number: Int)
    /// `droits/<id>/`, then `droits/<id>/2/`…
    case right(id: String, page: Int)
    /// `provinces/<id>/`, `porteurs/<id>/`, `publics/<id>/`, `communes/<id>/`, then `…/2/`…
    case list(ListKind, id: String, page: Int)
    /// `guide/`: the whole guide, or past 200 fiches its contents.
    case guide
    /// `guide/<id>/<n>/`: fifty fiches of one right, in a split guide.
    case guidePart(right: String, part: Int)
    /// `contacts/`, then `contacts/2/`…
    case contacts(page: Int)
    case accessibility
    /// `vie-privee/` and `mentions-legales/`.
    case privacy, legalNotice
    /// `404.html`, served for any address: its links are absolute paths.
    case notFound
    /// `assets/<name>`: the style sheet, the search script.
    case asset(String)
    /// `medias/<path>`: a file beside the fiches, by its path in the source folder.
    case media(String)
    case feed, sitemap, robots
    case fichesJSON, fichesCSV, fichesExcelCSV, fichesSchema
    /// `dcat.jsonld`: the open data described in DCAT-AP, for data portals to harvest.
    case dcat
    /// `recherche/facettes.json`, `recherche/cles.json`, `recherche/index/<key>.json`,
    /// `recherche/fiches/<group>.json`.
    case searchFacets, searchKeys
    case searchShard(String)
    case searchResults(group: Int)
    /// `.fiches-site` and `.fiches-origines.json`, for `fiches links`; never linked.
    case manifest, linkOrigins

    /// The address from the site's root, as a link writes it: `fiches/alzheimer-cafe/`,
    /// `atom.xml`, `""` for the home page.
    public var url: String {
        switch self {
        case .home: return ""
        case .fiche(let slug): return "fiches/\(slug)/"
        case .vcard(let slug, let number): return "fiches/\(slug)/contact-\(number).vcf"
        case .right(let id, let page): return page == 1 ? "droits/\(id)/" : "droits/\(id)/\(page)/"
        case .list(let kind, let id, let page):
            return page == 1 ? "\(kind.rawValue)/\(id)/" : "\(kind.rawValue)/\(id)/\(page)/"
        case .guide: return "guide/"
        case .guidePart(let right, let part): return "guide/\(right)/\(part)/"
        case .contacts(let page): return page == 1 ? "contacts/" : "contacts/\(page)/"
        case .accessibility: return "accessibilite/"
        case .privacy: return "vie-privee/"
        case .legalNotice: return "mentions-legales/"
        case .notFound: return "404.html"
        case .asset(let name): return "assets/\(name)"
        case .media(let path):
            return "medias/"
                + path.split(separator: "/").map {
                    String($0).addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? String($0)
                }
                .joined(separator: "/")
        case .feed: return "atom.xml"
        case .sitemap: return "sitemap.xml"
        case .robots: return "robots.txt"
        case .fichesJSON: return "fiches.json"
        case .fichesCSV: return "fiches.csv"
        case .fichesExcelCSV: return "fiches-excel.csv"
        case .fichesSchema: return "fiches.schema.json"
        case .dcat: return "dcat.jsonld"
        case .searchFacets: return "recherche/facettes.json"
        case .searchKeys: return "recherche/cles.json"
        case .searchShard(let key): return "recherche/index/\(key).json"
        case .searchResults(let group): return "recherche/fiches/\(group).json"
        case .manifest: return SiteManifest.fileName
        case .linkOrigins: return LinkOrigins.fileName
        }
    }

    /// The file written, relative to the site's folder: a page is its folder's `index.html`.
    public var file: String {
        switch self {
        case .media(let path): return "medias/\(path)"
        default:
            let url = url
            return url.isEmpty || url.hasSuffix("/") ? url + "index.html" : url
        }
    }
}

/// The lists of fiches besides the rights', each a folder of the site: by
/// province and by initiator (the catalogue's terms), by public (the labels
/// the fiches give, by their slug), by commune (Statbel's names, by their slug).
public enum ListKind: String, Hashable, Sendable, CaseIterable {
    case province = "provinces"
    case porteur = "porteurs"
    case publicVise = "publics"
    case commune = "communes"

    /// The id of a public, as a fiche names it, in its list's address and in
    /// the search filters: labels that fold to the same words are one public.
    public static func publicID(_ label: String) -> String { Slug.make(from: label) }

    /// The id of a commune in its list's address: `braine-l-alleud`.
    public static func communeID(_ name: String) -> String { Slug.make(from: name) }
}

/// Makes every address of the site from its routes: relative links between
/// pages (so the site works from any folder and under any sub-path), absolute
/// URLs for what leaves the site (canonical links, feeds, open data).
public struct Router: Sendable, Equatable {
    /// The site's absolute base URL (`site.url` or `--base-url`), ending with `/`.
    public let baseURL: String
    /// Past 200 fiches the guide is split into parts: a fiche is then reached
    /// on its own page rather than in the guide.
    public let splitGuide: Bool

    public init(baseURL: String, splitGuide: Bool) {
        self.baseURL = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
        self.splitGuide = splitGuide
    }

    /// The path part of the base URL: `/bonnes-pratiques/`.
    public var basePath: String { URLComponents(string: baseURL)?.path ?? "/" }

    /// `https://…/bonnes-pratiques/fiches/alzheimer-cafe/`.
    public func absolute(_ route: Route, fragment: String? = nil) -> String {
        baseURL + route.url + Self.anchor(fragment)
    }

    /// The link from the page at `page` to `route`: the shortest relative path
    /// (`../maison-medicale/`, `#objectifs` within the page, `../contacts/` from
    /// the contacts page to itself), or from the 404
    /// page, which can be served at any address, the path from the server's root.
    public func link(to route: Route, fragment: String? = nil, from page: Route) -> String {
        if page == .notFound { return basePath + route.url + Self.anchor(fragment) }
        var from = page.url
        var to = route.url
        return from.withUTF8 { from in
            to.withUTF8 { to in
                let slash = UInt8(ascii: "/")
                // The folders both addresses share.
                var common = 0
                var index = 0
                while index < from.count, index < to.count, from[index] == to[index] {
                    if from[index] == slash { common = index + 1 }
                    index += 1
                }
                // A page names itself by its folder (`../contacts/`), not by an empty link.
                if common == to.count, common == from.count, common > 0, fragment == nil {
                    common = from[..<(common - 1)].lastIndex(of: slash).map { $0 + 1 } ?? 0
                }
                let ups = from[common...].count { $0 == slash }
                return String(repeating: "../", count: ups)
                    + String(decoding: UnsafeBufferPointer(rebasing: to[common...]), as: UTF8.self)
                    + Self.anchor(fragment)
            }
        }
    }

    /// Where a fiche is read in the guide: its section of the one-page guide,
    /// or in a split guide its own page.
    public func inGuide(fiche slug: String, section: String? = nil) -> (route: Route, fragment: String?) {
        if splitGuide { return (.fiche(slug: slug), section) }
        return (.guide, Self.guideAnchor(slug, section: section))
    }

    /// The id of a fiche (`fiche-<slug>`) or of one of its sections
    /// (`fiche-<slug>--<id>`) in a page of the guide.
    public static func guideAnchor(_ slug: String, section: String? = nil) -> String {
        "fiche-\(slug)" + (section.map { "--\($0)" } ?? "")
    }

    private static func anchor(_ fragment: String?) -> String {
        guard let fragment else { return "" }
        return "#" + (fragment.addingPercentEncoding(withAllowedCharacters: .urlFragmentAllowed) ?? fragment)
    }
}
