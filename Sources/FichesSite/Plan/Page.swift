import FichesCore
import Foundation
import SiteTemplate

/// Every file of the site, with what it is made of. `route` says where it is
/// written; `PageRenderer.render` makes its bytes from these inputs and the
/// site's context only, so a page with the same inputs is the same file (the
/// preview relies on it to render each page once). Fiches compare by identity:
/// a `PublishedFiche` is never changed, and a file read again is a new one.
enum Page: Sendable, Equatable {
    case home(fiches: [PublishedFiche], facets: SearchFacets, lists: [HomeList])
    case fiche(PublishedFiche, body: HTML)
    /// A fiche's former address (`anciennes-adresses`): a page that sends to it.
    case redirect(from: String, to: PublishedFiche)
    /// The address of a fiche taken out of the catalogue, and the fiches to read instead.
    case retired(RetiredFiche, see: [PublishedFiche])
    /// A fiche's contact `number` (from 1) as a vCard.
    case vcard(PublishedFiche, number: Int)
    case right(RightList.Page)
    /// A page of the fiches of a province, an initiator or a public.
    case list(TermList.Page)
    /// The whole guide on one page (at most 200 fiches), or past that its contents.
    case guide([GuideEntry], total: Int)
    case guideContents([GuidePartEntry], total: Int)
    case guidePart(GuidePartEntry)
    case contacts(ContactList.Page)
    case accessibility
    /// Made from `vie-privee` in `catalogue.yml`, when it is there.
    case privacy(Catalogue.Privacy)
    case legalNotice
    case notFound
    case asset(name: String, AssetSource)
    /// A file beside the fiches that a published fiche shows or links to.
    case media(path: String, source: String)
    /// The fifty latest fiches.
    case feed([PublishedFiche])
    case sitemap([SitemapEntry])
    case robots
    /// Every published fiche, in slug order.
    case fichesJSON([PublishedFiche])
    case fichesCSV([PublishedFiche])
    case fichesExcelCSV([PublishedFiche])
    case fichesSchema
    /// The open data described in DCAT-AP, with the date of the newest fiche.
    case dcat(modified: ISODate?)
    case searchFacets(SearchFacets)
    /// The keys of every shard, for the search script to find a mistyped word's.
    case searchKeys([String])
    /// The terms starting with `key` (three letters) of each fiche that has some.
    case searchShard(key: String, ShardInput)
    /// What the results of fiches `group × SearchIndex.resultsPerFile` and the next show.
    case searchResults(group: Int, [PublishedFiche])
    case manifest(SiteManifest)
    case linkOrigins(OriginsInput)

    var route: Route {
        switch self {
        case .home: return .home
        case .fiche(let fiche, _): return .fiche(slug: fiche.slug)
        case .redirect(let old, _): return .fiche(slug: old)
        case .retired(let retired, _): return .fiche(slug: retired.fiche.slug)
        case .vcard(let fiche, let number): return .vcard(slug: fiche.slug, number: number)
        case .right(let page): return .right(id: page.droit.id, page: page.number)
        case .list(let page): return .list(page.kind, id: page.term.id, page: page.number)
        case .guide, .guideContents: return .guide
        case .guidePart(let part): return .guidePart(right: part.droit.id, part: part.number)
        case .contacts(let page): return .contacts(page: page.number)
        case .accessibility: return .accessibility
        case .privacy: return .privacy
        case .legalNotice: return .legalNotice
        case .notFound: return .notFound
        case .asset(let name, _): return .asset(name)
        case .media(let path, _): return .media(path)
        case .feed: return .feed
        case .sitemap: return .sitemap
        case .robots: return .robots
        case .fichesJSON: return .fichesJSON
        case .fichesCSV: return .fichesCSV
        case .fichesExcelCSV: return .fichesExcelCSV
        case .fichesSchema: return .fichesSchema
        case .dcat: return .dcat
        case .searchFacets: return .searchFacets
        case .searchKeys: return .searchKeys
        case .searchShard(let key, _): return .searchShard(key)
        case .searchResults(let group, _): return .searchResults(group: group)
        case .manifest: return .manifest
        case .linkOrigins: return .linkOrigins
        }
    }
}

/// A list of fiches as the home page links to it: its term and how many fiches it has.
struct HomeList: Sendable, Equatable {
    let kind: ListKind
    let term: Term
    let count: Int

    init(_ list: TermList) {
        kind = list.kind
        term = list.term
        count = list.fiches.count
    }
}

/// Where an asset's bytes come from: compiled into the tool, or a folder the
/// portal team points at with `--templates`.
enum AssetSource: Sendable, Equatable {
    case compiled([UInt8])
    case file(path: String, size: Int, modified: Date)
}

/// A page of the sitemap and the date of its newest fiche.
struct SitemapEntry: Sendable, Equatable {
    var route: Route
    var date: ISODate?
}

/// The pages whose links come from fiches, for `.fiches-origines.json`: each
/// fiche's own page (the links of its body and front matter), the pages of the
/// guide (the body's links as the guide writes them, and the front matter's),
/// the contacts pages (the front matter's).
struct OriginsInput: Sendable, Equatable {
    struct Entry: Sendable, Equatable {
        var route: Route
        var fiches: [PublishedFiche]
    }

    var fiches: [PublishedFiche]
    var guide: [Entry]
    var contacts: [Entry]
}
