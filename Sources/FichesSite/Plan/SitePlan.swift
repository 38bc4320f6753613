import FichesCore
import Foundation
import SiteTemplate

/// What every page is made with besides its fiches: one per reading of the
/// sources, shared by all their pages. Pages of two contexts are never the same file.
final class SiteContext: Sendable {
    let catalogue: Catalogue
    let router: Router
    /// The assets to publish: the compiled ones, or those of a `--templates` folder.
    let assets: [(name: String, source: AssetSource)]
    /// Where the files the fiches show or link to are read.
    let source: SourceFolder
    /// Where the fiches keep what the pages about several fiches need of them.
    let spill = SpillFile()

    /// Past 200 fiches in the sources, the guide is a contents page and parts of
    /// fifty fiches, and the contacts are pages of a hundred organisations.
    static let largeFrom = 201

    var large: Bool { router.splitGuide }

    init(catalogue: Catalogue, router: Router, assets: [(name: String, source: AssetSource)], source: SourceFolder) {
        self.catalogue = catalogue
        self.router = router
        self.assets = assets
        self.source = source
    }
}

/// The pages about the whole catalogue, planned from its published fiches (a
/// fiche's own page is planned when the fiche is read: `FicheLoader.load`).
struct SitePlan: Sendable {
    let pages: [Page]

    /// `fiches` are those to publish, each from a fiche without error. The lists
    /// in French order and the search files in slug order are planned side by side.
    static func make(_ context: SiteContext, fiches: [PublishedFiche]) async -> SitePlan {
        async let lists = Lists(context, fiches: fiches)
        async let search = Search(context, fiches: fiches)
        return SitePlan(context, lists: await lists, search: await search)
    }

    /// What is in French order: the rights' lists, the guide, the contacts.
    private struct Lists: Sendable {
        let ordered: [PublishedFiche]
        let lists: [RightList]
        let rightPages: [RightList.Page]
        let termLists: [TermList]
        let parts: [GuidePartEntry]
        let contacts: [ContactList.Page]

        init(_ context: SiteContext, fiches: [PublishedFiche]) {
            ordered = fiches.inFrenchOrder()
            var main: [String: [PublishedFiche]] = [:]
            var others: [String: [PublishedFiche]] = [:]
            for published in ordered {
                main[published.fiche.droitPrincipal.id, default: []].append(published)
                for droit in published.fiche.autresDroits { others[droit.id, default: []].append(published) }
            }
            lists = context.catalogue.droits.map {
                RightList(droit: $0, main: main[$0.id] ?? [], others: others[$0.id] ?? [])
            }
            let counts = lists.filter { $0.total > 0 }.map { RightList.RightCount(droit: $0.droit, count: $0.total) }
            rightPages = lists.flatMap { list in
                list.pages().map { page in
                    var page = page
                    if list.total == 0 { page.neighbours = counts }
                    return page
                }
            }
            termLists = TermList.lists(ordered, catalogue: context.catalogue)
            parts = context.large ? GuidePartEntry.parts(lists) : []
            contacts = ContactList.pages(ordered, split: context.large)
        }
    }

    /// What is in slug order: the search files and the open data.
    private struct Search: Sendable {
        let bySlug: [PublishedFiche]
        let facets: SearchFacets
        let shards: [ShardInput]

        init(_ context: SiteContext, fiches: [PublishedFiche]) {
            bySlug = fiches.sorted { $0.slug < $1.slug }
            facets = SearchFacets(bySlug, catalogue: context.catalogue)
            shards = SitePlan.shards(bySlug)
        }
    }

    /// A province's page with the map and its communes; a commune's with its province.
    private static func placed(_ page: TermList.Page, among lists: [TermList], _ context: SiteContext) -> TermList.Page
    {
        var page = page
        switch page.kind {
        case .province:
            page.provinces = lists.filter { $0.kind == .province }.map(HomeList.init)
            page.communes = lists.filter {
                $0.kind == .commune && Territory.commune(named: $0.term.libelle)?.province == page.term.id
            }.map(HomeList.init)
        case .commune:
            let id = Territory.commune(named: page.term.libelle)?.province
            page.province = context.catalogue.provinces.first { $0.id == id }
        case .porteur, .publicVise: break
        }
        return page
    }

    private init(_ context: SiteContext, lists: Lists, search: Search) {
        let (ordered, rightPages, parts, contacts) = (lists.ordered, lists.rightPages, lists.parts, lists.contacts)
        let (bySlug, facets) = (search.bySlug, search.facets)
        let termLists = lists.termLists
        let lists = lists.lists

        var pages: [Page] = [
            // The longest to render first, so that no core is left with one at the end.
            .fichesJSON(bySlug), .fichesCSV(bySlug), .fichesExcelCSV(bySlug), .searchFacets(facets),
            .home(fiches: ordered, facets: facets, lists: termLists.map(HomeList.init)),
        ]
        if context.large {
            pages.append(.guideContents(parts, total: ordered.count))
            pages += parts.map(Page.guidePart)
        } else {
            pages.append(
                .guide(
                    lists.filter { !$0.main.isEmpty }.map { GuideEntry(droit: $0.droit, fiches: $0.main) },
                    total: ordered.count))
        }
        pages += rightPages.map(Page.right)
        let termPages = termLists.flatMap { list in list.pages().map { Self.placed($0, among: termLists, context) } }
        pages += termPages.map(Page.list)
        pages += contacts.map(Page.contacts)
        pages += search.shards.map { .searchShard(key: TermScores.key($0.code), $0) }
        pages.append(.searchKeys(search.shards.map { TermScores.key($0.code) }))
        pages += stride(from: 0, to: bySlug.count, by: SearchIndex.resultsPerFile).map {
            .searchResults(
                group: $0 / SearchIndex.resultsPerFile,
                Array(bySlug[$0..<min($0 + SearchIndex.resultsPerFile, bySlug.count)]))
        }
        pages += bySlug.flatMap { published in
            published.fiche.contacts.indices.map { Page.vcard(published, number: $0 + 1) }
        }
        pages += [
            .accessibility, .notFound, .fichesSchema, .robots, .dcat(modified: bySlug.map(\.fiche.miseAJour).max()),
        ]
        pages.append(.legalNotice)
        if let privacy = context.catalogue.viePrivee { pages.append(.privacy(privacy)) }
        // Addresses that last: a fiche's former ones send to it, a retired one says so.
        pages += bySlug.flatMap { published in
            published.fiche.anciennesAdresses.map { Page.redirect(from: $0.slug, to: published) }
        }
        let retirees = context.catalogue.retirees
        let seen = Dictionary(uniqueKeysWithValues: bySlug.map { ($0.slug, $0) })
        pages += retirees.map { .retired($0, see: $0.voir.compactMap { seen[$0.slug] }) }
        pages.append(.feed(bySlug.latest(50)))
        pages.append(
            .sitemap(
                Self.sitemap(
                    bySlug, lists: lists, rightPages: rightPages, termPages: termPages, parts: parts,
                    contacts: contacts, retirees: retirees, privacy: context.catalogue.viePrivee != nil)))
        pages += context.assets.map { .asset(name: $0.name, $0.source) }
        let logo = context.catalogue.site.logo.map { [$0.fichier] } ?? []
        pages += Set(Self.medias(of: bySlug) + logo).sorted().map {
            .media(path: $0, source: "\(context.source.root)/\($0)")
        }
        pages.append(.manifest(SiteManifest(url: context.router.baseURL)))
        pages.append(
            .linkOrigins(
                OriginsInput(
                    fiches: bySlug,
                    guide: context.large
                        ? parts.map {
                            .init(route: .guidePart(right: $0.droit.id, part: $0.number), fiches: Array($0.fiches))
                        }
                        : [.init(route: .guide, fiches: lists.flatMap(\.main))],
                    contacts: contacts.map { .init(route: .contacts(page: $0.number), fiches: $0.fiches) })))
        self.pages = pages
    }

    /// The search shards, each with the fiches (by number, `fiches` being in slug order) that have terms in it.
    /// A shard's key is at most three letters or digits: each has a place in one
    /// table of 37³ lists, counted first, so ten thousand fiches' shards are
    /// gathered without a dictionary.
    private static func shards(_ fiches: [PublishedFiche]) -> [ShardInput] {
        func place(_ code: UInt32) -> Int {
            func digit(_ byte: UInt32) -> Int {
                switch byte {
                case 0: return 0
                case 0x30...0x39: return Int(byte - 0x30) + 1
                default: return Int(byte - 0x61) + 11
                }
            }
            return (digit(code >> 16) * 37 + digit((code >> 8) & 0xFF)) * 37 + digit(code & 0xFF)
        }
        var counts = [Int32](repeating: 0, count: 37 * 37 * 37)
        for fiche in fiches {
            for code in fiche.search.terms.shardCodes { counts[place(code)] += 1 }
        }
        var lists = counts.map { count -> [Int32] in
            var list: [Int32] = []
            list.reserveCapacity(Int(count))
            return list
        }
        var codes = [UInt32](repeating: 0, count: counts.count)
        for (number, fiche) in fiches.enumerated() {
            for code in fiche.search.terms.shardCodes {
                let place = place(code)
                codes[place] = code
                lists[place].append(Int32(number))
            }
        }
        return counts.indices.filter { counts[$0] > 0 }.sorted { codes[$0] < codes[$1] }.map {
            ShardInput(code: codes[$0], fiches: fiches, numbers: lists[$0])
        }
    }

    /// Every page with the date of its newest fiche: the home page, the
    /// contacts and the guide, the rights and their next pages, the pages by
    /// province, initiator and public, the guide's parts, the contacts' next
    /// pages, then each fiche.
    private static func sitemap(
        _ fiches: [PublishedFiche], lists: [RightList], rightPages: [RightList.Page], termPages: [TermList.Page],
        parts: [GuidePartEntry], contacts: [ContactList.Page], retirees: [RetiredFiche], privacy: Bool
    ) -> [SitemapEntry] {
        func newest(_ fiches: some Sequence<PublishedFiche>) -> ISODate? { fiches.map(\.fiche.miseAJour).max() }
        let all = newest(fiches)
        var entries = [
            SitemapEntry(route: .home, date: all), SitemapEntry(route: .contacts(page: 1), date: all),
            SitemapEntry(route: .guide, date: all), SitemapEntry(route: .accessibility, date: nil),
            SitemapEntry(route: .legalNotice, date: nil),
        ]
        if privacy { entries.append(SitemapEntry(route: .privacy, date: nil)) }
        entries += lists.map {
            SitemapEntry(route: .right(id: $0.droit.id, page: 1), date: newest($0.main + $0.others))
        }
        entries += rightPages.filter { $0.number > 1 }.map {
            SitemapEntry(route: .right(id: $0.droit.id, page: $0.number), date: newest($0.main + $0.others))
        }
        entries += termPages.map {
            SitemapEntry(route: .list($0.kind, id: $0.term.id, page: $0.number), date: newest($0.fiches))
        }
        entries += parts.map {
            SitemapEntry(route: .guidePart(right: $0.droit.id, part: $0.number), date: newest($0.fiches))
        }
        entries += contacts.dropFirst().map { SitemapEntry(route: .contacts(page: $0.number), date: newest($0.fiches)) }
        entries += fiches.map { SitemapEntry(route: .fiche(slug: $0.slug), date: $0.fiche.miseAJour) }
        // A former address only sends on: the sitemap lists the fiche itself.
        entries += retirees.map { SitemapEntry(route: .fiche(slug: $0.fiche.slug), date: $0.date) }
        return entries
    }

    /// The files beside the fiches that published fiches show or link to.
    private static func medias(of fiches: [PublishedFiche]) -> [String] {
        Set(fiches.flatMap { $0.links.compactMap { if case .file(let path) = $0.target { path } else { nil } } })
            .sorted()
    }
}
