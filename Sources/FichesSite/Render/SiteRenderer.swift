import FichesCore
import Foundation

/// Turns the validated fiches into the pages of the site, through the templates.
struct SiteRenderer: Sendable {
    let catalogue: Catalogue
    /// The published fiches, in French order of their titles.
    let fiches: [LoadedFiche]
    let templates: TemplateSet
    /// The site's absolute base URL (`site.url` or `--base-url`), ending with `/`.
    let baseURL: String
    /// The fiche pages of the last run, reused for the fiches that did not change.
    let cache: FicheCache?
    /// The search files and the filters the home page shows, from the same facets.
    let search: SearchIndex

    init(catalogue: Catalogue, fiches: [LoadedFiche], templates: TemplateSet, baseURL: String, cache: FicheCache?) {
        self.catalogue = catalogue
        self.cache = cache
        cache?.beginPages(context: templates.fingerprint + Data(baseURL.utf8))
        self.fiches = fiches.sortedInFrenchOrder { $0.fiche!.titre }
        search = SearchIndex(fiches: self.fiches, catalogue: catalogue)
        self.templates = templates
        self.baseURL = baseURL
    }

    /// The path part of the base URL: `/bonnes-pratiques/`.
    var basePath: String { URLComponents(string: baseURL)?.path ?? "/" }

    func pages() async throws -> [OutputFile] {
        var files = [
            try home(), try contacts(), try guide(),
            try page("accessibilite/index.html", template: "accessibilite", title: "Accessibilité", root: "../"),
            try page("404.html", template: "404", title: "Page introuvable", root: basePath, breadcrumbs: false),
        ]
        files += try catalogue.droits.map(droit)
        files += try await fichePages()
        files += try await search.files()
        let published = fiches.map { $0.fiche! }
        files += try OpenData(catalogue: catalogue, fiches: published, baseURL: baseURL)
            .files(schema: Data(FichesSchema.text.utf8))
        files += Feeds(catalogue: catalogue, fiches: published, baseURL: baseURL).files()
        return files
    }

    /// The fiches' own pages, rendered across the cores; in the fiches' order.
    private func fichePages() async throws -> [OutputFile] {
        try await fiches.concurrentMap { loaded in
            if let page = cache?.page(of: loaded) { return page }
            let page = try fichePage(loaded)
            cache?.store(page: page, of: loaded)
            return page
        }
    }

    /// Where the links of each page come from in the fiches, for the link checker.
    func origins() -> LinkOrigins {
        typealias Origin = LinkOrigin
        func origins(_ loaded: LoadedFiche, body: [(link: String, location: SourceLocation)]) -> [Origin] {
            (body + loaded.fiche!.linkOrigins).map {
                Origin(link: $0.link, file: loaded.file.path, location: $0.location)
            }
        }
        var pages: [String: [Origin]] = [:]
        for loaded in fiches { pages["fiches/\(loaded.slug)/index.html"] = origins(loaded, body: loaded.pageLinks) }
        pages["guide/index.html"] = fiches.flatMap { origins($0, body: $0.guideLinks) }
        pages["contacts/index.html"] = fiches.flatMap { origins($0, body: []) }
        return LinkOrigins(pages.filter { !$0.value.isEmpty })
    }

    // MARK: Pages

    private func home() throws -> OutputFile {
        let recent = fiches.indices.sorted {
            (fiches[$0].fiche!.miseAJour, fiches[$1].slug) > (fiches[$1].fiche!.miseAJour, fiches[$0].slug)
        }.prefix(6).map { fiches[$0] }
        let droits: [TemplateValue] = catalogue.droits.map { droit in
            let count = fiches.filter { $0.fiche!.droits.contains(droit.id) }.count
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

    private func droit(_ droit: Term) throws -> OutputFile {
        let main = fiches.filter { $0.fiche!.droitPrincipal == droit.id }
        let others = fiches.filter { $0.fiche!.droits.dropFirst().contains(droit.id) }
        return try page(
            "droits/\(droit.id)/index.html", template: "droit", title: droit.libelle, root: "../../",
            values: [
                "droit": .object([
                    "id": .text(droit.id), "libelle": .text(droit.libelle), "description": .optional(droit.description),
                ]),
                "fiches_principales": .list(main.map { card($0, root: "../../") }),
                "fiches_associees": .list(others.map { card($0, root: "../../") }),
                "nombre": .text(Self.count(main.count + others.count, "fiche", "fiches")),
                "vide": .bool(main.isEmpty && others.isEmpty),
            ])
    }

    private func fichePage(_ loaded: LoadedFiche) throws -> OutputFile {
        let fiche = loaded.fiche!
        let main = fiche.droitPrincipal.flatMap(catalogue.droit)
        return try page(
            "fiches/\(fiche.slug)/index.html", template: "fiche", title: fiche.titre, root: "../../",
            trail: main.map { [($0.libelle, "droits/\($0.id)/")] } ?? [],
            values: [
                "fiche": details(loaded, body: loaded.pageHTML, root: "../../"), "og_type": .text("article"),
                "jsonld": .text(
                    StructuredData.jsonLD(fiche, catalogue: catalogue, url: "\(baseURL)fiches/\(fiche.slug)/")),
            ])
    }

    private func contacts() throws -> OutputFile {
        // Organisations by folded name; within one, identical contacts are merged
        // and list every fiche they serve.
        var groups: [String: (name: String, contacts: [(Contact, [LoadedFiche])])] = [:]
        for loaded in fiches {
            for contact in loaded.fiche!.contacts {
                let key = Slug.fold(contact.organisation)
                var group = groups[key] ?? (contact.organisation, [])
                if let index = group.contacts.firstIndex(where: { $0.0 == contact }) {
                    if !group.contacts[index].1.contains(where: { $0.slug == loaded.slug }) {
                        group.contacts[index].1.append(loaded)
                    }
                } else {
                    group.contacts.append((contact, [loaded]))
                }
                groups[key] = group
            }
        }
        let organisations: [TemplateValue] = groups.values.sortedInFrenchOrder { $0.name }.map { group in
            .object([
                "organisation": .text(group.name), "id": .text("org-" + Slug.make(from: group.name)),
                "contacts": .list(
                    group.contacts.map { contact, served in
                        var values = Self.contact(contact)
                        values["fiches"] = .list(
                            served.map {
                                .object(["titre": .text($0.fiche!.titre), "url": .text("../fiches/\($0.slug)/")])
                            })
                        return .object(values)
                    }),
            ])
        }
        return try page(
            "contacts/index.html", template: "contacts", title: "Contacts", root: "../",
            values: ["organisations": .list(organisations)])
    }

    private func guide() throws -> OutputFile {
        let sections: [TemplateValue] = catalogue.droits.compactMap { droit in
            let members = fiches.filter { $0.fiche!.droitPrincipal == droit.id }
            guard !members.isEmpty else { return nil }
            return .object([
                "id": .text("droit-\(droit.id)"), "libelle": .text(droit.libelle),
                "description": .optional(droit.description),
                "fiches": .list(members.map { details($0, body: $0.guideHTML, root: "../") }),
            ])
        }
        return try page(
            "guide/index.html", template: "guide", title: "Guide complet", root: "../",
            values: ["sections": .list(sections), "nombre_fiches": .text(Self.count(fiches.count, "fiche", "fiches"))])
    }

    // MARK: Values

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
