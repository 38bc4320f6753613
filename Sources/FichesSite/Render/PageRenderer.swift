import FichesCore
import Foundation
import SiteTemplate

/// What a page becomes on disk: bytes, or a file copied as it is.
enum PageOutput: Sendable, Equatable {
    case bytes(Data)
    /// An asset or a media, read when written.
    case copy(from: String)
}

/// Makes each page's bytes from its inputs and the site's context, and from
/// nothing else: the templates of `site-template/` for the HTML pages, the
/// writers of `Publish/` for the data files.
struct PageRenderer: Sendable {
    let context: SiteContext

    var catalogue: Catalogue { context.catalogue }
    var router: Router { context.router }

    func render(_ page: Page) -> PageOutput {
        switch page {
        case .asset(_, .file(let path, _, _)): return .copy(from: path)
        case .media(_, let source): return .copy(from: source)
        default: return .bytes(bytes(page))
        }
    }

    private func bytes(_ page: Page) -> Data {
        switch page {
        case .home(let fiches, let facets, let lists):
            return html(home(fiches, facets: facets, lists: lists, frame: frame(page, nil)))
        case .fiche(let published, let body):
            let fiche = published.fiche
            var frame = frame(
                page, fiche.titre, trail: [(fiche.droitPrincipal.libelle, .right(id: fiche.droitPrincipal.id, page: 1))]
            )
            frame.description = "\(fiche.resume)"
            frame.openGraphType = "article"
            frame.printNote = "Mise à jour le \(fiche.miseAJour.french)"
            frame.scripts = "<script src=\"\(frame.link(.asset("fiche.js")))\" defer></script>"
            frame.head =
                "<script type=\"application/ld+json\">\(StructuredData.jsonLD(fiche, catalogue: catalogue, router: router))</script>\n"
            return html(FichePage(frame: frame, fiche: fiche, body: body).html)
        case .redirect(_, let published):
            return html(RedirectPage(frame: frame(page, "Cette fiche a changé d'adresse"), fiche: published.fiche).html)
        case .retired(let retired, let see):
            return html(
                RetiredPage(
                    frame: frame(page, "Fiche retirée : \(retired.titre)"), retired: retired, see: see.map(\.fiche)
                )
                .html)
        case .vcard(let published, let number):
            return VCard.card(number, of: published.fiche, router: router)
        case .right(let list):
            let title = list.number == 1 ? list.droit.libelle : "\(list.droit.libelle) (page \(list.number))"
            return html(
                RightPage(
                    frame: frame(page, title), droit: list.droit, main: list.main.map(\.fiche),
                    others: list.others.map(\.fiche), total: list.total, showsMain: list.showsMain,
                    showsOthers: list.showsOthers,
                    pagination: Pagination(
                        pages: (1...list.count).map { .right(id: list.droit.id, page: $0) }, current: list.number),
                    neighbours: list.neighbours.map { ($0.droit, $0.count) }
                ).html)
        case .list(let list):
            let title = ListPage.title(list.kind, list.term)
            // A commune's page under its province's in the breadcrumbs.
            let trail = list.province.map {
                [(ListPage.title(.province, $0), Route.list(.province, id: $0.id, page: 1))]
            }
            var listPage = ListPage(
                frame: frame(page, list.number == 1 ? title : "\(title) (page \(list.number))", trail: trail ?? []),
                kind: list.kind,
                term: list.term, fiches: list.fiches.map(\.fiche), total: list.total,
                pagination: Pagination(
                    pages: (1...list.count).map { .list(list.kind, id: list.term.id, page: $0) },
                    current: list.number))
            listPage.provinces = list.provinces.map { ($0.term, $0.count) }
            listPage.communes = list.communes.map { ($0.term, $0.count) }
            listPage.province = list.province
            return html(listPage.html)
        case .guide(let entries, let total):
            var frame = frame(page, "Guide complet")
            frame.printNote = Self.latestUpdate(entries.flatMap(\.fiches))
            return html(
                GuidePage(
                    frame: frame,
                    sections: entries.map {
                        GuideSection(droit: $0.droit, fiches: $0.fiches.map { ($0.fiche, $0.guideBody) })
                    },
                    total: total
                ).html)
        case .guideContents(let parts, let total):
            let byRight = Dictionary(grouping: parts, by: \.droit.id)
            return html(
                GuideContents(
                    frame: frame(page, "Guide complet"),
                    rights: catalogue.droits.compactMap { droit in
                        byRight[droit.id].map { parts in
                            (
                                droit, parts.reduce(0) { $0 + $1.fiches.count },
                                parts.map {
                                    GuideContents.Part(
                                        route: .guidePart(right: droit.id, part: $0.number), number: $0.number,
                                        first: $0.fiches.first?.fiche.titre ?? "",
                                        last: $0.fiches.last?.fiche.titre ?? "")
                                }
                            )
                        }
                    }, total: total
                ).html)
        case .guidePart(let part):
            var frame = frame(
                page, "\(part.droit.libelle) — partie \(part.number) sur \(part.count)",
                trail: [("Guide complet", .guide)])
            frame.printNote = Self.latestUpdate(Array(part.fiches))
            return html(
                GuidePart(
                    frame: frame,
                    section: GuideSection(droit: part.droit, fiches: part.fiches.map { ($0.fiche, $0.guideBody) }),
                    pagination: Pagination(
                        pages: (1...part.count).map { .guidePart(right: part.droit.id, part: $0) }, current: part.number
                    )
                ).html)
        case .contacts(let list):
            return html(
                ContactsPage(
                    frame: frame(page, list.number == 1 ? "Contacts" : "Contacts (page \(list.number))"),
                    organisations: list.organisations.map { organisation in
                        .init(
                            name: organisation.name,
                            contacts: organisation.contacts.map { ($0.contact, $0.fiches.map(\.fiche)) })
                    },
                    pagination: Pagination(pages: (1...list.count).map { .contacts(page: $0) }, current: list.number)
                ).html)
        case .accessibility:
            return html(
                AccessibilityPage(frame: frame(page, "Accessibilité"), statement: catalogue.accessibilite).html)
        case .privacy(let privacy): return html(PrivacyPage(frame: frame(page, "Vie privée"), privacy: privacy).html)
        case .legalNotice:
            return html(
                LegalNoticePage(frame: frame(page, "Mentions légales"), paragraphs: catalogue.mentionsLegales).html)
        case .notFound: return html(NotFoundPage(frame: frame(page, "Page introuvable", breadcrumbs: false)).html)
        case .asset(_, .compiled(let bytes)): return Data(bytes)
        case .feed(let fiches): return Feeds.atom(fiches, catalogue: catalogue, router: router)
        case .sitemap(let entries): return Feeds.sitemap(entries, router: router)
        case .robots: return Feeds.robots(router: router)
        case .fichesJSON(let fiches): return OpenData.json(fiches, catalogue: catalogue, router: router)
        case .fichesCSV(let fiches): return OpenData.csv(fiches, catalogue: catalogue, router: router, excel: false)
        case .fichesExcelCSV(let fiches): return OpenData.csv(fiches, catalogue: catalogue, router: router, excel: true)
        case .fichesSchema: return Data(FichesSchema.text.utf8)
        case .dcat(let modified): return DCAT.description(catalogue: catalogue, router: router, modified: modified)
        case .searchFacets(let facets): return SearchIndex.facets(facets)
        case .searchKeys(let keys): return JSONValue.array(keys.map(JSONValue.string)).encoded(.compactWithSlashes)
        case .searchShard(_, let shard): return SearchIndex.shard(shard)
        case .searchResults(_, let fiches): return SearchIndex.results(fiches)
        case .manifest(let manifest): return manifest.encoded()
        case .linkOrigins(let entries): return origins(entries).encoded()
        case .asset(_, .file), .media: return Data()
        }
    }

    private func html(_ page: HTML) -> Data { Data(page.text.utf8) }

    /// What a printed part of the guide says of its date: its latest fiche's update.
    private static func latestUpdate(_ fiches: [PublishedFiche]) -> String? {
        fiches.map(\.fiche.miseAJour).max().map { "Dernière mise à jour le \($0.french)" }
    }

    /// The frame of `page`, titled `title`, with the pages between home and it.
    private func frame(
        _ page: Page, _ title: String?, trail: [(title: String, route: Route)] = [], breadcrumbs: Bool? = nil
    ) -> Frame {
        var frame = Frame(
            site: catalogue.site, router: router, route: page.route, title: title, trail: trail,
            breadcrumbs: breadcrumbs ?? (title != nil))
        frame.privacy = catalogue.viePrivee != nil
        return frame
    }

    private func home(_ fiches: [PublishedFiche], facets: SearchFacets, lists: [HomeList], frame: Frame) -> HTML {
        var counts: [String: Int] = [:]
        for published in fiches { for droit in published.fiche.droits { counts[droit.id, default: 0] += 1 } }
        return HomePage(
            frame: frame, total: fiches.count, rights: catalogue.droits.map { ($0, counts[$0.id] ?? 0) },
            facets: facets.facets.map { facet in
                let counts = facets.counts(facet)
                return HomePage.Facet(
                    name: facet.name, title: facet.title,
                    values: facet.values.enumerated().map { ($1.id, $1.label, counts[$0]) })
            },
            recent: fiches.latest(6).map(\.fiche), lists: lists.map { ($0.kind, $0.term, $0.count) }
        ).html
    }

    /// Where the links of each page come from in the fiches, for the link checker.
    private func origins(_ input: OriginsInput) -> LinkOrigins {
        /// The links of `published` on the page `route`: its body's as that page writes them (none with
        /// `body` false), then its front matter's.
        func origins(_ published: PublishedFiche, on route: Route, body: Bool) -> [LinkOrigin] {
            let links: [(link: String, location: SourceLocation)] =
                body
                ? published.links.compactMap { location, target in
                    if case .script = target { return nil }
                    if case .refused = target { return nil }
                    return (router.href(target, inFiche: published.slug, on: route), location)
                } : []
            return (links + published.fiche.linkOrigins).map {
                LinkOrigin(link: $0.link, file: published.file.path, location: $0.location)
            }
        }
        var pages: [String: [LinkOrigin]] = [:]
        func add(_ route: Route, _ origins: [LinkOrigin]) {
            if !origins.isEmpty { pages[route.file] = origins }
        }
        for published in input.fiches {
            let route = Route.fiche(slug: published.slug)
            add(route, origins(published, on: route, body: true))
        }
        for entry in input.guide { add(entry.route, entry.fiches.flatMap { origins($0, on: entry.route, body: true) }) }
        for entry in input.contacts {
            add(entry.route, entry.fiches.flatMap { origins($0, on: entry.route, body: false) })
        }
        return LinkOrigins(pages)
    }
}
