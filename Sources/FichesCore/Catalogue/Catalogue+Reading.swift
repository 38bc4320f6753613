import Foundation
internal import Yams

extension Catalogue {
    /// Reads `catalogue.yml`; every problem is a diagnostic at its place.
    public static func read(_ text: String, file: String) -> (Catalogue?, [Diagnostic]) {
        var reader = YAMLReader(file: file, lineOffset: 0)
        guard let root = reader.compose(text),
            let values = reader.mapping(
                root,
                allowed: [
                    "site", "droits", "porteurs", "provinces", "liens-exclus", "synonymes", "retirees", "accessibilite",
                    "vie-privee", "mentions-legales",
                ],
                describe: "le catalogue")
        else {
            if reader.diagnostics.diagnostics.isEmpty {
                reader.diagnostics.error("le catalogue est vide", at: SourceLocation(line: 1, column: 1))
            }
            return (nil, reader.diagnostics.diagnostics)
        }
        let site = reader.required(values, "site", at: root).flatMap { reader.site($0) }
        let droits = reader.required(values, "droits", at: root).map { reader.terms($0, key: "droits") } ?? []
        if let node = values["droits"], droits.isEmpty, node.sequence?.isEmpty ?? false {
            reader.error("« droits » doit contenir au moins un droit", at: node)
        }
        let porteurs = values["porteurs"].map { reader.terms($0, key: "porteurs") } ?? []
        let provinces = values["provinces"].map { reader.terms($0, key: "provinces") } ?? []
        let exclusions = values["liens-exclus"].map { reader.exclusions($0) } ?? []
        let synonymes = values["synonymes"].map { reader.synonyms($0) } ?? []
        let retirees = values["retirees"].map { reader.retirees($0) } ?? []
        let accessibilite = values["accessibilite"].flatMap { reader.accessibility($0) }
        let viePrivee = values["vie-privee"].flatMap { reader.privacy($0) }
        let mentions = values["mentions-legales"].map { reader.texts($0, key: "mentions-legales") } ?? []
        let diagnostics = reader.diagnostics.diagnostics
        guard let site, !diagnostics.hasErrors else { return (nil, diagnostics) }
        return (
            Catalogue(
                site: site, droits: droits, porteurs: porteurs, provinces: provinces, liensExclus: exclusions,
                retirees: retirees, accessibilite: accessibilite, viePrivee: viePrivee, mentionsLegales: mentions,
                synonymes: synonymes),
            diagnostics
        )
    }
}

extension YAMLReader {
    /// `synonymes:`, a list of groups, each a list of at least two words or phrases.
    fileprivate mutating func synonyms(_ node: Node) -> [[[SearchTerm]]] {
        (list(node, key: "synonymes") ?? []).compactMap { group in
            let phrases = (list(group, key: "synonymes") ?? []).compactMap { item -> [SearchTerm]? in
                guard let phrase = text(item, key: "synonymes") else { return nil }
                let terms = SearchTerms.terms(phrase)
                if terms.isEmpty { error("« \(phrase) » n'a aucun mot que la recherche connaisse", at: item) }
                return terms.isEmpty ? nil : terms
            }
            if group.sequence != nil, phrases.count < 2 {
                error("un groupe de « synonymes » compte au moins deux mots ou expressions", at: group)
            }
            return phrases.count < 2 ? nil : phrases
        }
    }

    fileprivate mutating func site(_ node: Node) -> Catalogue.Site? {
        let keys = ["titre", "description", "url", "langue", "editeur", "revision-mois", "portail", "logo", "licence"]
        guard let values = mapping(node, allowed: keys, describe: "« site »") else { return nil }
        func field(_ key: String) -> String? {
            required(values, key, at: node).flatMap { text($0, key: key) }
        }
        let (titre, description, url, langue, editeur) =
            (field("titre"), field("description"), field("url"), field("langue"), field("editeur"))
        if let url, let node = values["url"], WebURL(url) == nil || !url.hasSuffix("/") {
            error("« url » doit être une adresse absolue http(s) terminée par « / » (reçu « \(url) »)", at: node)
        }
        let portail = values["portail"].flatMap { address($0, key: "portail") }
        var months = 24
        if let node = values["revision-mois"] {
            if let value = node.int, value > 0 {
                months = value
            } else {
                error("« revision-mois » doit être un nombre entier de mois, supérieur à 0", at: node)
            }
        }
        var logo: Catalogue.Logo?
        if let node = values["logo"],
            let parts = mapping(node, allowed: ["fichier", "texte"], describe: "« logo »"),
            let file = required(parts, "fichier", at: node).flatMap({ text($0, key: "fichier") }),
            let texte = required(parts, "texte", at: node).flatMap({ text($0, key: "texte") }),
            let fileNode = parts["fichier"]
        {
            logo = Catalogue.Logo(fichier: file, texte: texte, location: location(fileNode))
        }
        var licence: Catalogue.Licence?
        if let node = values["licence"],
            let parts = mapping(node, allowed: ["titre", "url"], describe: "« licence »"),
            let name = required(parts, "titre", at: node).flatMap({ text($0, key: "titre") }),
            let url = required(parts, "url", at: node).flatMap({ address($0, key: "url") })
        {
            licence = Catalogue.Licence(titre: name, url: url)
        }
        guard let titre, let description, let url, let langue, let editeur else { return nil }
        return Catalogue.Site(
            titre: titre, description: description, url: url, langue: langue, editeur: editeur,
            revisionMois: months, portail: portail, logo: logo, licence: licence)
    }

    /// A value that is an address: http(s), or with `mail` a `mailto:` and a valid e-mail too.
    private mutating func address(_ node: Node, key: String, mail: Bool = false) -> String? {
        guard let value = text(node, key: key) else { return nil }
        let valid =
            mail && value.hasPrefix("mailto:")
            ? EmailAddress(String(value.dropFirst("mailto:".count))) != nil : WebURL(value) != nil
        guard valid else {
            error(
                "« \(key) » doit être une adresse \(mail ? "« mailto:nom@domaine.be » ou " : "")« http(s)://… » (reçu « \(value) »)",
                at: node)
            return nil
        }
        return value
    }

    /// `accessibilite: {date, contact}`.
    fileprivate mutating func accessibility(_ node: Node) -> Catalogue.Accessibility? {
        guard let values = mapping(node, allowed: ["date", "contact"], describe: "« accessibilite »") else {
            return nil
        }
        let written = required(values, "date", at: node).flatMap { text($0, key: "date") }
        let contact = required(values, "contact", at: node).flatMap { address($0, key: "contact", mail: true) }
        guard let written, let contact, let dateNode = values["date"] else { return nil }
        guard let date = ISODate(written) else {
            error("date invalide « \(written) » ; écrivez-la AAAA-MM-JJ", at: dateNode)
            return nil
        }
        return Catalogue.Accessibility(date: date, contact: contact)
    }

    /// `vie-privee: {responsable, finalite, base-legale, conservation, contact, exports: {noms, courriels}}`.
    fileprivate mutating func privacy(_ node: Node) -> Catalogue.Privacy? {
        let keys = ["responsable", "finalite", "base-legale", "conservation", "contact", "exports"]
        guard let values = mapping(node, allowed: keys, describe: "« vie-privee »") else { return nil }
        func field(_ key: String) -> String? { required(values, key, at: node).flatMap { text($0, key: key) } }
        let (responsable, finalite, base, conservation) =
            (field("responsable"), field("finalite"), field("base-legale"), field("conservation"))
        let contact = required(values, "contact", at: node).flatMap { address($0, key: "contact", mail: true) }
        guard let responsable, let finalite, let base, let conservation, let contact else { return nil }
        var privacy = Catalogue.Privacy(
            responsable: responsable, finalite: finalite, baseLegale: base, conservation: conservation,
            contact: contact)
        if let exports = values["exports"],
            let choices = mapping(exports, allowed: ["noms", "courriels"], describe: "« exports »")
        {
            if let noms = choices["noms"] {
                if let value = noms.bool {
                    privacy.exportNoms = value
                } else {
                    error("« noms » vaut « true » (les exports gardent les noms) ou « false »", at: noms)
                }
            }
            if let node = choices["courriels"], let value = text(node, key: "courriels") {
                if let emails = Catalogue.Privacy.Emails(rawValue: value) {
                    privacy.exportCourriels = emails
                } else {
                    error("« courriels » vaut « toutes », « generiques » ou « aucune » (reçu « \(value) »)", at: node)
                }
            }
        }
        return privacy
    }

    /// `retirees`: `{fiche: slug, titre: …, date: AAAA-MM-JJ, raison: …, voir: [slug…]}` entries.
    fileprivate mutating func retirees(_ node: Node) -> [RetiredFiche] {
        var seen: Set<String> = []
        return (list(node, key: "retirees") ?? []).compactMap { item in
            guard
                let values = mapping(
                    item, allowed: ["fiche", "titre", "date", "raison", "voir"], describe: "une entrée de « retirees »")
            else { return nil }
            let slug = required(values, "fiche", at: item).flatMap { text($0, key: "fiche") }
            let titre = required(values, "titre", at: item).flatMap { text($0, key: "titre") }
            let written = required(values, "date", at: item).flatMap { text($0, key: "date") }
            let raison = values["raison"].flatMap { text($0, key: "raison") }
            var voir: [RetiredFiche.Reference] = []
            for other in values["voir"].map({ items($0, key: "voir") }) ?? [] {
                if let name = text(other, key: "voir") { voir.append(.init(slug: name, location: location(other))) }
            }
            guard let slug, let titre, let written, let node = values["fiche"], let dateNode = values["date"] else {
                return nil
            }
            guard Slug.isValid(slug) else {
                error("fiche retirée « \(slug) » : écrivez le nom de son fichier, sans « .md »", at: node)
                return nil
            }
            guard seen.insert(slug).inserted else {
                error("fiche retirée « \(slug) » répétée dans « retirees »", at: node)
                return nil
            }
            guard let date = ISODate(written) else {
                error("date invalide « \(written) » ; écrivez-la AAAA-MM-JJ", at: dateNode)
                return nil
            }
            return RetiredFiche(
                fiche: .init(slug: slug, location: location(node)), titre: titre, date: date, raison: raison, voir: voir
            )
        }
    }

    /// `liens-exclus`: `{motif: https://…*, raison: …}` entries.
    fileprivate mutating func exclusions(_ node: Node) -> [LinkExclusion] {
        (list(node, key: "liens-exclus") ?? []).compactMap { item in
            guard
                let values = mapping(item, allowed: ["motif", "raison"], describe: "une entrée de « liens-exclus »")
            else { return nil }
            let motif = required(values, "motif", at: item).flatMap { text($0, key: "motif") }
            let raison = required(values, "raison", at: item).flatMap { text($0, key: "raison") }
            guard let motif, let raison else { return nil }
            guard motif.hasPrefix("http://") || motif.hasPrefix("https://") else {
                error(
                    "motif « \(motif) » : il doit commencer par http:// ou https:// (« * » remplace n'importe quelle suite de caractères)",
                    at: values["motif"]!)
                return nil
            }
            return LinkExclusion(motif: motif, raison: raison)
        }
    }

    fileprivate mutating func terms(_ node: Node, key: String) -> [Term] {
        var terms: [Term] = []
        for item in list(node, key: key) ?? [] {
            guard
                let values = mapping(
                    item, allowed: ["id", "libelle", "description"] + (key == "droits" ? ["base-legale"] : []),
                    describe: "une entrée de « \(key) »")
            else { continue }
            let id = required(values, "id", at: item).flatMap { text($0, key: "id") }
            let libelle = required(values, "libelle", at: item).flatMap { text($0, key: "libelle") }
            let description = values["description"].flatMap { text($0, key: "description") }
            let baseLegale = values["base-legale"].flatMap { text($0, key: "base-legale") }
            guard let id, let libelle else { continue }
            if !Slug.isValid(id) {
                error("identifiant invalide « \(id) » ; proposez « \(Slug.make(from: id)) »", at: values["id"]!)
            } else if terms.contains(where: { $0.id == id }) {
                error("identifiant « \(id) » répété dans « \(key) »", at: values["id"]!)
            } else {
                terms.append(Term(id: id, libelle: libelle, description: description, baseLegale: baseLegale))
            }
        }
        return terms
    }
}
