import FichesCore
import Foundation

/// Turns the validated fiches into the pages of the site, through the templates.
/// A fiche's own page is rendered as soon as the fiche is loaded (`fiche(_:into:)`),
/// in the task that loaded it; the pages about several fiches come once all are
/// loaded (`site(_:into:)`). Files go to a sink as they are made: the staging
/// folder of a build, or memory for the preview.
struct SiteRenderer: Sendable {
    let catalogue: Catalogue
    let templates: TemplateSet
    /// The site's absolute base URL (`site.url` or `--base-url`), ending with `/`.
    let baseURL: String
    let layout: Layout
    /// Where a build keeps what the pages about several fiches need of each (nil: in memory).
    var spill: SpillFile?
    /// The preview's pages and files of the last run, reused when what they are made of is the same.
    var pageCache: PageCache?
    /// The preview's open data pieces of the last run, by fiche.
    var openDataCache: OpenDataCache?

    /// Lists of fiches (a right's page, a part of the guide) hold this many fiches a page.
    static let perPage = 50

    /// The path part of the base URL: `/bonnes-pratiques/`.
    var basePath: String { URLComponents(string: baseURL)?.path ?? "/" }

    // MARK: One fiche

    /// Renders the fiche's own page and keeps what the other pages need of its
    /// body (the guide's HTML, the search terms, the search result).
    func fiche(_ loaded: LoadedFiche) throws -> (LoadedFiche, page: OutputFile) {
        var loaded = loaded
        let fiche = loaded.fiche!
        let main = fiche.droitPrincipal.flatMap(catalogue.droit)
        let page = try page(
            "fiches/\(fiche.slug)/index.html", template: "fiche", title: fiche.titre, root: "../../",
            trail: main.map { [($0.libelle, "droits/\($0.id)/")] } ?? [],
            values: [
                "fiche": details(loaded, body: loaded.body?.page ?? "", root: "../../"),
                "og_type": .text("article"),
                "jsonld": .text(
                    StructuredData.jsonLD(fiche, catalogue: catalogue, url: "\(baseURL)fiches/\(fiche.slug)/")),
            ])
        let text = loaded.body?.text ?? ""
        loaded.rendered = RenderedFiche(
            guideHTML: loaded.body?.guide ?? "",
            result: SearchIndex.result(of: fiche, text: text, catalogue: catalogue),
            terms: SearchIndex.terms(of: fiche, text: text, catalogue: catalogue), spill: spill)
        loaded.body = nil
        return (loaded, page)
    }

    // MARK: The whole site

    /// Every page but the fiches' own, and the data files; `fiches` are the
    /// published fiches, each already through `fiche(_:into:)`.
    func site(_ fiches: [LoadedFiche], into sink: any SiteSink, stages: Stages = Stages()) async throws -> LinkOrigins {
        let fiches = fiches.sortedInFrenchOrder { $0.fiche!.titre }
        let search = SearchIndex(fiches: fiches.sorted { $0.slug < $1.slug }, catalogue: catalogue)
        let lists = catalogue.droits.map { droit in
            RightList(
                droit: droit, main: fiches.filter { $0.fiche!.droitPrincipal == droit.id },
                others: fiches.filter { $0.fiche!.droits.dropFirst().contains(droit.id) })
        }
        let parts = layout.parts(lists)
        let contacts = layout.contactPages(fiches)
        let published = fiches.map { $0.fiche! }
        let newest = { (fiches: [LoadedFiche]) in fiches.map(\.fiche!.miseAJour).max() }
        var morePages = lists.flatMap { $0.pages().dropFirst().map { ($0.path, newest(Array($0.fiches))) } }
        if layout.large { morePages += parts.map { ($0.path, newest($0.sections[0].fiches)) } }
        morePages += contacts.dropFirst().map { ($0.path, newest($0.fiches)) }
        // Two rounds of independent pages and files, side by side; each goes to the
        // sink as soon as it is made. Two, not one: the search files and the contacts
        // come after the guide, so their memory and the guide's are not needed at once.
        try await Self.together(
            {
                try sink.put(try guideContents(fiches, parts: parts))
                guard layout.large else { return }
                _ = try await parts.concurrentMap { part in
                    try sink.put(
                        try self.reuse(part.path + "index.html", part.sections[0].fiches.key(part.number, part.count)) {
                            try self.guidePage(part.path + "index.html", part: part, part.sections[0].fiches)
                        })
                }
            },
            {
                _ = try await lists.flatMap { $0.pages() }.concurrentMap { page in
                    try sink.put(
                        try self.reuse(
                            page.path + "index.html", page.fiches.key(page.number, page.count, page.list.total)
                        ) {
                            try self.rightPage(page)
                        })
                }
            },
            {
                try OpenData(
                    catalogue: catalogue, fiches: published, baseURL: baseURL, cache: openDataCache,
                    versions: openDataCache == nil
                        ? [:] : Dictionary(uniqueKeysWithValues: fiches.map { ($0.slug, $0.version) })
                ).write(into: sink, schema: Data(FichesSchema.text.utf8))
            })
        stages.mark("guide, pages des droits et données ouvertes écrits")
        try await Self.together(
            { try search.write(into: sink, cache: pageCache) },
            {
                for page in contacts {
                    try sink.put(try reuse(page.path + "index.html", page.key) { try contactsPage(page) })
                }
            },
            { [morePages] in
                try sink.put(try home(fiches, search: search))
                try sink.put(
                    try page("accessibilite/index.html", template: "accessibilite", title: "Accessibilité", root: "../")
                )
                try sink.put(
                    try page("404.html", template: "404", title: "Page introuvable", root: basePath, breadcrumbs: false)
                )
                for file in Feeds(catalogue: catalogue, fiches: published, baseURL: baseURL, morePages: morePages)
                    .files()
                {
                    try sink.put(file)
                }
            })
        return origins(fiches, parts: parts, contacts: contacts)
    }

    /// In the preview, the file kept from the last run when `key` (what it is made of) is the same.
    private func reuse(
        _ path: String, _ key: @autoclosure () -> String, make: () throws -> OutputFile
    ) rethrows
        -> OutputFile
    {
        guard let pageCache else { return try make() }
        return try pageCache.file(path, key: key(), make: make)
    }

    /// Runs the jobs side by side and waits for all.
    private static func together(_ jobs: @Sendable () async throws -> Void...) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for job in jobs { group.addTask(operation: job) }
            try await group.waitForAll()
        }
    }

    /// Where the links of each page come from in the fiches, for the link checker.
    private func origins(_ fiches: [LoadedFiche], parts: [GuidePart], contacts: [ContactPage]) -> LinkOrigins {
        /// The body's links as `body` writes them (none without it) and the front matter's.
        func origins(_ loaded: LoadedFiche, body: ((LinkTarget) -> String)? = nil) -> [LinkOrigin] {
            let fiche = loaded.fiche!
            let links = loaded.links.compactMap { link, target -> (link: String, location: SourceLocation)? in
                switch (target, body) {
                case (.script, _), (.refused, _), (_, nil): return nil
                case (_, let body?):
                    return (body(target), SourceLocation(line: link.line + fiche.bodyLineOffset, column: link.column))
                }
            }
            return (links + fiche.linkOrigins).map {
                LinkOrigin(link: $0.link, file: loaded.file.path, location: $0.location)
            }
        }
        var pages: [String: [LinkOrigin]] = [:]
        for loaded in fiches {
            pages["fiches/\(loaded.slug)/index.html"] = origins(loaded) {
                $0.url(fromFiche: loaded.slug, root: "../../")
            }
        }
        for part in parts {
            pages[part.path + "index.html"] = part.sections.flatMap(\.fiches).flatMap { loaded in
                origins(loaded) { $0.url(inGuideFrom: loaded.slug, root: layout.guideRoot, split: layout.large) }
            }
        }
        for page in contacts { pages[page.path + "index.html"] = page.fiches.flatMap { origins($0) } }
        return LinkOrigins(pages.filter { !$0.value.isEmpty })
    }

    // MARK: Pages

    private func home(_ fiches: [LoadedFiche], search: SearchIndex) throws -> OutputFile {
        let recent = fiches.indices.sorted {
            (fiches[$0].fiche!.miseAJour, fiches[$1].slug) > (fiches[$1].fiche!.miseAJour, fiches[$0].slug)
        }.prefix(6).map { fiches[$0] }
        var counts: [String: Int] = [:]
        for loaded in fiches { for id in loaded.fiche!.droits { counts[id, default: 0] += 1 } }
        let droits: [TemplateValue] = catalogue.droits.map { droit in
            let count = counts[droit.id] ?? 0
            return .object([
                "id": .text(droit.id), "libelle": .text(droit.libelle), "url": .text("droits/\(droit.id)/"),
                "nombre": .text(Self.count(count, "fiche", "fiches")), "vide": .bool(count == 0),
            ])
        }
        // The filters, drawn here with their counts for the whole catalogue; the
        // script makes them work and updates the counts.
        let facets: [TemplateValue] = search.facets.map { facet in
            let counts = facet.members.reduce(into: [Int](repeating: 0, count: facet.values.count)) { counts, values in
                for value in values { counts[value] += 1 }
            }
            return .object([
                "nom": .text(facet.name), "titre": .text(facet.title),
                "valeurs": .list(
                    facet.values.enumerated().map { index, value in
                        .object([
                            "id": .text(value.id), "libelle": .text(value.label),
                            "nombre": .text(String(counts[index])),
                            "champ": .text("filtre-\(facet.name)-\(value.id)"),
                        ])
                    }),
            ])
        }
        return try page(
            "index.html", template: "accueil", title: nil, root: "", breadcrumbs: false,
            values: [
                "facettes": .list(facets),
                "droits": .list(droits), "recentes": .list(recent.map { card($0, root: "") }),
                "nombre_fiches": .text(Self.count(fiches.count, "fiche", "fiches")),
            ])
    }

    /// One page of a right's list: the fiches whose main right it is first, then the others.
    private func rightPage(_ page: RightList.Page) throws -> OutputFile {
        let droit = page.list.droit
        let root = String(repeating: "../", count: page.path.split(separator: "/").count)
        let main = page.fiches.filter { $0.fiche!.droitPrincipal == droit.id }
        let others = page.fiches.filter { $0.fiche!.droitPrincipal != droit.id }
        let total = page.list.total
        let title = page.number == 1 ? droit.libelle : "\(droit.libelle) (page \(page.number))"
        return try self.page(
            page.path + "index.html", template: "droit", title: title, root: root,
            values: [
                "droit": .object([
                    "id": .text(droit.id), "libelle": .text(droit.libelle), "description": .optional(droit.description),
                ]),
                "fiches_principales": .list(main.map { card($0, root: root) }),
                "fiches_associees": .list(others.map { card($0, root: root) }),
                "principales_ici": .bool(!main.isEmpty || page.list.main.isEmpty && page.number == 1),
                "associees_ici": .bool(!others.isEmpty || page.list.others.isEmpty && page.isLast),
                "nombre": .text(Self.count(total, "fiche", "fiches")),
                "vide": .bool(total == 0),
                "pagination": pagination(
                    count: page.count, current: page.number, root: root,
                    path: { RightList.path(droit.id, page: $0) }),
            ])
    }

    /// One page of the contacts: its organisations, each with its contacts and the fiches they serve.
    private func contactsPage(_ page: ContactPage) throws -> OutputFile {
        let root = page.number == 1 ? "../" : "../../"
        let organisations: [TemplateValue] = page.organisations.map { organisation in
            .object([
                "organisation": .text(organisation.name), "id": .text("org-" + Slug.make(from: organisation.name)),
                "contacts": .list(
                    organisation.contacts.map { contact, served in
                        var values = Self.contact(contact)
                        values["fiches"] = .list(
                            served.map {
                                .object(["titre": .text($0.fiche!.titre), "url": .text("\(root)fiches/\($0.slug)/")])
                            })
                        return .object(values)
                    }),
            ])
        }
        return try self.page(
            page.path + "index.html", template: "contacts",
            title: page.number == 1 ? "Contacts" : "Contacts (page \(page.number))", root: root,
            values: [
                "organisations": .list(organisations),
                "pagination": pagination(
                    count: page.count, current: page.number, root: root, path: { ContactPage.path($0) }),
                "pagination_bas": pagination(
                    count: page.count, current: page.number, root: root, bottom: true, path: { ContactPage.path($0) }),
            ])
    }

    /// `/guide/`: the whole guide, or from `Layout.largeFrom` fiches on its contents.
    private func guideContents(_ fiches: [LoadedFiche], parts: [GuidePart]) throws -> OutputFile {
        guard layout.large else { return try guidePage("guide/index.html", part: parts[0], fiches) }
        let rights = Dictionary(grouping: parts, by: \.droit.id)
        let contents: [TemplateValue] = catalogue.droits.compactMap { droit in
            guard let parts = rights[droit.id] else { return nil }
            return .object([
                "libelle": .text(droit.libelle), "url": .text(parts[0].path.dropFirst("guide/".count).description),
                "nombre": .text(Self.count(parts.reduce(0) { $0 + $1.sections[0].fiches.count }, "fiche", "fiches")),
                "parties": .list(
                    parts.map { part in
                        let members = part.sections[0].fiches
                        return .object([
                            "url": .text(String(part.path.dropFirst("guide/".count))),
                            "numero": .text(String(part.number)),
                            "premiere": .text(members.first!.fiche!.titre),
                            "derniere": .text(members.last!.fiche!.titre),
                        ])
                    }),
            ])
        }
        return try page(
            "guide/index.html", template: "guide", title: "Guide complet", root: "../",
            values: [
                "decoupe": .bool(true), "droits_guide": .list(contents), "sections": .list([]),
                "nombre_fiches": .text(Self.count(fiches.count, "fiche", "fiches")),
            ])
    }

    /// The whole guide on one page, or one part of a split guide (fifty fiches of one right).
    private func guidePage(_ path: String, part: GuidePart, _ fiches: [LoadedFiche]) throws -> OutputFile {
        let sections: [TemplateValue] = part.sections.map { section in
            .object([
                "id": .text("droit-\(section.droit.id)"), "libelle": .text(section.droit.libelle),
                "description": .optional(section.droit.description),
                "fiches": .list(
                    section.fiches.map { details($0, body: $0.rendered?.guideHTML ?? "", root: layout.guideRoot) }),
            ])
        }
        guard layout.large, let droit = part.sections.first?.droit else {
            return try page(
                path, template: "guide", title: "Guide complet", root: "../",
                values: [
                    "decoupe": .bool(false), "droits_guide": .list([]), "sections": .list(sections),
                    "nombre_fiches": .text(Self.count(fiches.count, "fiche", "fiches")),
                ])
        }
        return try page(
            path, template: "guide-partie", title: "\(droit.libelle) — partie \(part.number) sur \(part.count)",
            root: layout.guideRoot, trail: [("Guide complet", "guide/")],
            values: [
                "sections": .list(sections), "nombre_fiches": .text(Self.count(fiches.count, "fiche", "fiches")),
                "pagination": pagination(
                    count: part.count, current: part.number, root: layout.guideRoot,
                    path: { Layout.path(droit.id, part: $0) }),
                "pagination_bas": pagination(
                    count: part.count, current: part.number, root: layout.guideRoot, bottom: true,
                    path: { Layout.path(droit.id, part: $0) }),
            ])
    }

    // MARK: Values

    /// The links between the pages of one list, or nothing when it has one page;
    /// `bottom` for the copy at the end of a long page (a landmark of its own name).
    private func pagination(
        count: Int, current: Int, root: String, bottom: Bool = false, path: (Int) -> String
    ) -> TemplateValue {
        guard count > 1 else { return .null }
        func link(_ number: Int) -> TemplateValue { .text(root + path(number)) }
        return .object([
            "etiquette": .text(bottom ? "Pages de la liste, en bas de page" : "Pages de la liste"),
            "precedente": current > 1 ? link(current - 1) : .null,
            "suivante": current < count ? link(current + 1) : .null,
            "pages": .list(
                (1...count).map { number in
                    .object([
                        "numero": .text(String(number)), "url": link(number), "courante": .bool(number == current),
                    ])
                }),
        ])
    }

    /// Everything about a fiche, for its page and for the guide.
    private func details(_ loaded: LoadedFiche, body: String, root: String) -> TemplateValue {
        let fiche = loaded.fiche!
        let droits: [TemplateValue] = fiche.droits.enumerated().compactMap { index, id in
            catalogue.droit(id).map {
                .object([
                    "libelle": .text($0.libelle), "url": .text("\(root)droits/\(id)/"), "principal": .bool(index == 0),
                ])
            }
        }
        let territoire = fiche.territoire.map { territoire -> [String: TemplateValue] in
            [
                "province": .optional(territoire.province.flatMap(catalogue.province)?.libelle),
                "communes": .optional(territoire.communes.isEmpty ? nil : territoire.communes.joined(separator: ", ")),
            ]
        }
        let porteurs = fiche.porteurs.compactMap(catalogue.porteur).map(\.libelle)
        return .object([
            "slug": .text(fiche.slug), "ancre": .text("fiche-\(fiche.slug)"),
            "url": .text("\(root)fiches/\(fiche.slug)/"),
            "titre": .text(fiche.titre), "resume": .text(fiche.resume), "corps": .text(body),
            "droits": .list(droits),
            "publics": .optional(fiche.publics.isEmpty ? nil : fiche.publics.joined(separator: ", ")),
            "porteurs": .optional(porteurs.isEmpty ? nil : porteurs.joined(separator: ", ")),
            "territoire": .optional(territoire),
            "contacts": .list(fiche.contacts.map { .object(Self.contact($0)) }),
            "a_liens": .bool(!fiche.liens.isEmpty),
            "liens": .list(
                fiche.liens.map { .object(["titre": .text($0.titre), "url": .text($0.url.absoluteString)]) }),
            "date_iso": .text(fiche.miseAJour.description), "date": .text(fiche.miseAJour.french),
            "brouillon": .bool(fiche.statut == .brouillon),
        ])
    }

    /// A fiche as a card in a list.
    private func card(_ loaded: LoadedFiche, root: String) -> TemplateValue {
        let fiche = loaded.fiche!
        return .object([
            "titre": .text(fiche.titre), "url": .text("\(root)fiches/\(fiche.slug)/"), "resume": .text(fiche.resume),
            "droits": .list(fiche.droits.compactMap(catalogue.droit).map { .text($0.libelle) }),
            "date_iso": .text(fiche.miseAJour.description), "date": .text(fiche.miseAJour.french),
            "brouillon": .bool(fiche.statut == .brouillon),
        ])
    }

    private static func contact(_ contact: Contact) -> [String: TemplateValue] {
        [
            "organisation": .text(contact.organisation), "nom": .optional(contact.nom),
            "fonction": .optional(contact.fonction), "email": .optional(contact.email?.address),
            "telephone": .optional(
                contact.telephone.map { ["affiche": .text($0.display), "lien": .text("tel:\($0.e164)")] }),
            "site": .optional(contact.site?.absoluteString), "adresse": .optional(contact.adresse),
        ]
    }

    /// A page with the values every layout uses.
    private func page(
        _ path: String, template: String, title: String?, root: String, breadcrumbs: Bool = true,
        trail: [(String, String)] = [], values: [String: TemplateValue] = [:]
    ) throws -> OutputFile {
        var values = values
        let canonical = path == "404.html" ? nil : baseURL + path.replacingOccurrences(of: "index.html", with: "")
        let links = ([("Accueil", "")] + trail).map { name, target -> TemplateValue in
            .object(["titre": .text(name), "url": .text(root + target), "courant": false])
        }
        let crumbs = links + (title.map { [.object(["titre": .text($0), "url": .null, "courant": true])] } ?? [])
        values.merge(
            [
                "site_titre": .text(catalogue.site.titre), "site_description": .text(catalogue.site.description),
                "langue": .text(catalogue.site.langue), "editeur": .text(catalogue.site.editeur),
                "titre_page": .text(title.map { "\($0) — \(catalogue.site.titre)" } ?? catalogue.site.titre),
                "titre": .optional(title), "racine": .text(root), "canonique": .optional(canonical),
                "fil": breadcrumbs ? .list(crumbs) : .null, "og_type": .text("website"),
                "og_locale": .text(catalogue.site.langue.replacingOccurrences(of: "-", with: "_")),
            ], uniquingKeysWith: { own, _ in own })
        return .page(path, try templates.render(template, values))
    }

    /// `aucune fiche`, `1 fiche`, `3 fiches`.
    static func count(_ number: Int, _ singular: String, _ plural: String) -> String {
        switch number {
        case 0: return "aucune \(singular)"
        case 1: return "1 \(singular)"
        default: return "\(number) \(plural)"
        }
    }
}
