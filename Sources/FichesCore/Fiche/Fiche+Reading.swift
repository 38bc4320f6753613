import Foundation
internal import Yams

extension Fiche {
    /// The front-matter keys, in the order editors write them.
    public static let keys = [
        "titre", "resume", "droits", "publics", "porteurs", "territoire", "contacts", "liens", "mise-a-jour",
        "statut", "anciennes-adresses",
    ]
    static let contactKeys = ["organisation", "nom", "fonction", "email", "telephone", "site", "adresse"]
    /// Every key a fiche's front matter may have, at any level.
    static let yamlKeys = Set(keys + contactKeys + ["province", "communes", "url"])

    /// What reading a fiche's text gives: its body whenever the front matter
    /// could be split (so the body is checked too), the fiche only when its
    /// front matter has no error.
    public struct Reading: Sendable {
        public var fiche: Fiche?
        public var body: FicheBody?
        public var diagnostics: [Diagnostic]
        /// As the front matter says, even with errors; nil when it could not be read.
        public var statut: Statut?
    }

    /// Reads a fiche's decoded text.
    public static func read(
        _ text: String, slug: String, file: String, catalogue: Catalogue, today: ISODate
    ) -> Reading {
        let parts: FrontMatter
        switch FrontMatter.split(text) {
        case .success(let split): parts = split
        case .failure(let error):
            return Reading(
                fiche: nil, body: nil,
                diagnostics: [
                    Diagnostic(file: file, location: SourceLocation(line: 1, column: 1), message: error.message)
                ])
        }
        var reader = YAMLReader(file: file, lineOffset: 1)
        reader.placeholders = []
        var draft = Draft()
        var statut: Statut?
        if let root = reader.compose(parts.yaml, keys: yamlKeys) {
            reader.fill(&draft, from: root, slug: slug, catalogue: catalogue, today: today)
            reader.reportPlaceholders(body: parts, statut: draft.statut)
            statut = draft.statut
        } else if reader.diagnostics.diagnostics.isEmpty {
            reader.diagnostics.error("l'en-tête YAML est vide", at: SourceLocation(line: 1, column: 1))
        }
        let diagnostics = reader.diagnostics.diagnostics
        var fiche: Fiche?
        if !diagnostics.hasErrors, let titre = draft.titre, let resume = draft.resume,
            let droitPrincipal = draft.droits.first, !draft.contacts.isEmpty, let miseAJour = draft.miseAJour
        {
            fiche = Fiche(
                slug: slug, file: file, titre: titre, resume: resume, droitPrincipal: droitPrincipal,
                autresDroits: Array(draft.droits.dropFirst()), publics: draft.publics, porteurs: draft.porteurs,
                territoire: draft.territoire, contacts: draft.contacts, liens: draft.liens, miseAJour: miseAJour,
                statut: draft.statut, linkOrigins: draft.linkOrigins, anciennesAdresses: draft.anciennesAdresses)
        }
        return Reading(
            fiche: fiche, body: FicheBody(text: parts.body, lineOffset: parts.bodyLineOffset),
            diagnostics: diagnostics, statut: statut)
    }

    /// The values read so far; a missing one has its diagnostic.
    fileprivate struct Draft {
        var titre: String?
        var resume: String?
        var droits: [Term] = []
        var publics: [String] = []
        var porteurs: [Term] = []
        var territoire: Territoire?
        var contacts: [Contact] = []
        var liens: [Lien] = []
        var miseAJour: ISODate?
        var statut = Statut.publie
        var linkOrigins: [(link: String, location: SourceLocation)] = []
        var anciennesAdresses: [(slug: String, location: SourceLocation)] = []
    }
}

extension YAMLReader {
    fileprivate mutating func fill(
        _ fiche: inout Fiche.Draft, from root: Node, slug: String, catalogue: Catalogue, today: ISODate
    ) {
        guard let values = mapping(root, allowed: Fiche.keys, describe: "l'en-tête YAML") else { return }
        // Missing keys are reported on the opening `---`.
        let top = SourceLocation(line: 1, column: 1)
        func required(_ key: String) -> Node? {
            if values[key] == nil { diagnostics.error("clé obligatoire « \(key) » manquante", at: top) }
            return values[key]
        }
        if let node = required("titre"), let titre = text(node, key: "titre") {
            if !(5...200).contains(titre.count) {
                error("le titre doit compter de 5 à 200 caractères (il en compte \(titre.count))", at: node)
            }
            fiche.titre = titre
        }
        if let node = required("resume"), let resume = text(node, key: "resume") {
            if resume.count > 400 {
                error("le résumé dépasse 400 caractères (il en compte \(resume.count))", at: node)
            }
            fiche.resume = resume
        }
        if let node = required("droits") {
            fiche.droits = ids(
                node, key: "droits", vocabulary: catalogue.droits, noun: "droit", unknown: "droit inconnu")
            if node.sequence?.isEmpty == true {
                error("« droits » doit contenir au moins un droit", at: node)
            }
        }
        if let node = values["publics"] { fiche.publics = texts(node, key: "publics") }
        if let node = values["porteurs"] {
            fiche.porteurs = ids(
                node, key: "porteurs", vocabulary: catalogue.porteurs, noun: "porteur", unknown: "porteur inconnu")
        }
        if let node = values["territoire"] { fiche.territoire = territoire(node, catalogue: catalogue) }
        if let node = required("contacts") {
            fiche.contacts = (list(node, key: "contacts") ?? []).compactMap { contact($0, origins: &fiche.linkOrigins) }
            if node.sequence?.isEmpty == true {
                error("« contacts » doit contenir au moins un contact", at: node)
            }
        }
        if let node = values["liens"] {
            fiche.liens = (list(node, key: "liens") ?? []).compactMap { lien($0, origins: &fiche.linkOrigins) }
        }
        if let node = required("mise-a-jour"), let date = date(node, today: today) { fiche.miseAJour = date }
        if let node = values["anciennes-adresses"] {
            for item in items(node, key: "anciennes-adresses") {
                guard let written = text(item, key: "anciennes-adresses") else { continue }
                // `ancien-nom.md`, `fiches/ancien-nom/`: the name is what is meant.
                let name = written.split(separator: "/").last.map(String.init)?.replacing(/\.md$/, with: "") ?? written
                if !Slug.isValid(name) {
                    error(
                        "ancienne adresse « \(written) » : écrivez l'ancien nom du fichier, sans « .md », "
                            + "comme « \(Slug.make(from: name)) »", at: item)
                } else if name == slug {
                    error("ancienne adresse « \(written) » : c'est le nom actuel de la fiche", at: item)
                } else if fiche.anciennesAdresses.contains(where: { $0.slug == name }) {
                    error("ancienne adresse « \(written) » répétée", at: item)
                } else {
                    fiche.anciennesAdresses.append((name, location(item)))
                }
            }
        }
        if let node = values["statut"], let statut = text(node, key: "statut") {
            if let value = Fiche.Statut(rawValue: statut) {
                fiche.statut = value
            } else if let value = Fiche.Statut(rawValue: Slug.make(from: statut)) {
                // `Brouillon`, `publié`.
                readAs(value.rawValue, noun: "statut", written: statut, feminine: false, at: node)
                fiche.statut = value
            } else {
                let choices = Fiche.Statut.allCases.map(\.rawValue)
                error(
                    "statut inconnu « \(statut) »"
                        + (Suggestion.closest(to: statut, in: choices).map { " ; vouliez-vous dire « \($0) » ?" }
                            ?? " ; valeurs possibles : publie, brouillon"),
                    at: node)
            }
        }
    }

    /// Each placeholder of the front matter and of the body: an error in a fiche
    /// to publish, a warning in a draft.
    fileprivate mutating func reportPlaceholders(body parts: FrontMatter, statut: Fiche.Statut) {
        var found = placeholders ?? []
        var number = parts.bodyLineOffset
        let body = parts.body
        var start = body.startIndex
        // Line by line on the bytes: most lines are looked at only by `isIn`'s quick test.
        while start < body.endIndex {
            let end = body.utf8[start...].firstIndex(of: 10) ?? body.endIndex
            let line = body[start..<end]
            number += 1
            start = end < body.endIndex ? body.utf8.index(after: end) : end
            guard Placeholder.isIn(line) else { continue }
            let text = line.trimmingCharacters(in: .whitespaces)
            let column = line.prefix { $0 == " " || $0 == "\t" }.count + 1
            found.append((SourceLocation(line: number, column: column), Placeholder.described(text)))
        }
        if statut == .brouillon, let first = found.first {
            // One warning for a draft, which may keep them: `fiches new` writes nine.
            let others = found.dropFirst().map { String($0.location.line) }
            let more =
                switch others.count {
                case 0: ""
                case 1: ", et 1 autre valeur à compléter ou d'exemple (ligne \(others[0]))"
                default:
                    ", et \(others.count) autres valeurs à compléter ou d'exemple (lignes "
                        + others.dropLast().joined(separator: ", ") + " et \(others[others.count - 1]))"
                }
            diagnostics.warning("\(first.what)\(more) : à remplacer avant de publier la fiche", at: first.location)
            return
        }
        for (location, what) in found {
            diagnostics.error(
                "\(what) : remplacez-le avant de publier la fiche (ou remettez « statut: brouillon »)", at: location)
        }
    }

    private mutating func territoire(_ node: Node, catalogue: Catalogue) -> Fiche.Territoire? {
        guard let values = mapping(node, allowed: ["province", "communes"], describe: "« territoire »") else {
            return nil
        }
        var territoire = Fiche.Territoire(province: nil, communes: [])
        if let node = values["province"], let id = text(node, key: "province") {
            territoire.province = term(
                id, at: node, in: catalogue.provinces, noun: "province", unknown: "province inconnue", feminine: true)
        }
        if let node = values["communes"] {
            var found: [Territory.Commune] = []
            for item in items(node, key: "communes") {
                guard var name = text(item, key: "communes") else { continue }
                // A placeholder is said once, where it is read.
                if Placeholder.isIn(name) { continue }
                // Word's quotes inside a list are the name's own characters to YAML.
                let bare = name.trimmingCharacters(in: CharacterSet(charactersIn: "“”«»„\"' \u{A0}"))
                if bare != name, Territory.commune(named: bare) != nil {
                    warning("commune « \(name) » lue comme « \(bare) » : retirez les guillemets", at: item)
                    name = bare
                }
                // `MONS`, `la louviere`: the commune, with a warning, and published as Statbel writes it.
                if Territory.commune(named: name) == nil, let same = Territory.sameName(as: name) {
                    readAs(same.nom, noun: "commune", written: name, feminine: true, at: item)
                    name = same.nom
                }
                guard let commune = Territory.commune(named: name) else {
                    if let meant = Territory.suggestion(for: name) {
                        error("commune inconnue « \(name) » ; vouliez-vous dire « \(meant.nom) » ?", at: item)
                    } else if name.allSatisfy(\.isNumber) {
                        error(
                            "commune inconnue « \(name) » : écrivez le nom de la commune, pas son code postal", at: item
                        )
                    } else {
                        error(
                            "commune inconnue « \(name) » : ce n'est pas une des 261 communes de Wallonie, "
                                + "sous leur nom de 2025 (une commune fusionnée porte le nom de la nouvelle)", at: item)
                    }
                    continue
                }
                func province(_ id: String) -> String { catalogue.provinces.first { $0.id == id }?.libelle ?? id }
                if let chosen = territoire.province, commune.province != chosen.id {
                    error(
                        "« \(commune.nom) » est une commune de la province « \(province(commune.province)) », "
                            + "pas « \(chosen.libelle) » : corrigez la commune ou la province", at: item)
                    continue
                }
                if let first = found.first, first.province != commune.province {
                    error(
                        "« \(commune.nom) » est une commune de la province « \(province(commune.province)) », "
                            + "« \(first.nom) » de « \(province(first.province)) » : "
                            + "une fiche ne couvre qu'une province ; gardez les communes de l'une", at: item)
                    continue
                }
                if found.contains(commune) {
                    error("commune « \(commune.nom) » répétée", at: item)
                    continue
                }
                found.append(commune)
                // As the editor wrote it (« Écaussinnes », where Statbel writes « Ecaussinnes »).
                territoire.communes.append(Territory.published(name))
            }
            // Communes of one province say which it is.
            if territoire.province == nil, let first = found.first, found.allSatisfy({ $0.province == first.province })
            {
                territoire.province = catalogue.provinces.first { $0.id == first.province }
            }
        }
        return territoire
    }

    private mutating func contact(_ node: Node, origins: inout [(link: String, location: SourceLocation)]) -> Contact? {
        guard let values = mapping(node, allowed: Fiche.contactKeys, describe: "un contact") else { return nil }
        guard let organisation = required(values, "organisation", at: node).flatMap({ text($0, key: "organisation") })
        else { return nil }
        var contact = Contact(organisation: organisation)
        contact.nom = values["nom"].flatMap { text($0, key: "nom") }
        contact.fonction = values["fonction"].flatMap { text($0, key: "fonction") }
        contact.adresse = values["adresse"].flatMap { text($0, key: "adresse") }
        if let node = values["email"], let value = text(node, key: "email") {
            contact.email = EmailAddress(value)
            if let email = contact.email {
                origins.append(("mailto:\(email.address)", location(node)))
                if Placeholder.isExample(email) { placeholder("courriel d'exemple « \(value) »", at: node) }
            } else {
                // Two addresses have two "@"; one with a space has one.
                let several = value.split { ";, ".contains($0) }.filter { $0.contains("@") }.count > 1
                let hint =
                    several
                    ? " : une seule adresse par contact ; ajoutez un contact pour l'autre"
                    : value.contains(" ") ? " : une adresse ne contient pas d'espace" : ""
                error(
                    "courriel invalide « \(value) »" + hint,
                    at: node)
            }
        }
        if let node = values["telephone"], let value = text(node, key: "telephone") {
            contact.telephone = PhoneNumber(value)
            if let telephone = contact.telephone {
                origins.append(("tel:\(telephone.e164)", location(node)))
            } else if !Placeholder.isIn(value) {
                let several = value.filter(\.isNumber).count > 13 || value.contains { ";,".contains($0) }
                error(
                    "numéro de téléphone belge invalide « \(value) » ; "
                        + (several
                            ? "un seul numéro par contact ; ajoutez un contact pour l'autre"
                            : "écrivez-le par exemple 065 12 34 56, 0470 12 34 56 ou +32 65 12 34 56"),
                    at: node)
            }
        }
        if let node = values["site"], let value = text(node, key: "site") {
            contact.site = webURL(value, at: node)
            if let site = contact.site { origins.append((site.absoluteString, location(node))) }
        }
        if !["email", "telephone", "site"].contains(where: { values[$0] != nil }) {
            error("le contact « \(organisation) » n'a ni « email », ni « telephone », ni « site »", at: node)
        }
        return contact
    }

    private mutating func lien(_ node: Node, origins: inout [(link: String, location: SourceLocation)]) -> Fiche.Lien? {
        guard let values = mapping(node, allowed: ["titre", "url"], describe: "un lien") else { return nil }
        let titre = required(values, "titre", at: node).flatMap { text($0, key: "titre") }
        let url = required(values, "url", at: node).flatMap { urlNode in
            text(urlNode, key: "url").flatMap { webURL($0, at: urlNode) }
        }
        guard let titre, let url else { return nil }
        if let node = values["url"] { origins.append((url.absoluteString, location(node))) }
        return Fiche.Lien(titre: titre, url: url)
    }

    private mutating func webURL(_ value: String, at node: Node) -> WebURL? {
        if let url = WebURL(value) {
            if Placeholder.isExample(url) { placeholder("site d'exemple « \(value) »", at: node) }
            return url
        }
        let hint = WebURL("https://" + value) != nil ? " ; vouliez-vous dire « https://\(value) » ?" : ""
        error("adresse web invalide « \(value) » : elle doit commencer par http:// ou https://" + hint, at: node)
        return nil
    }

    private mutating func date(_ node: Node, today: ISODate) -> ISODate? {
        guard let value = text(node, key: "mise-a-jour") else { return nil }
        guard let date = ISODate(value) ?? ISODate.unpadded(value) else {
            let hint = ISODate.suggestion(for: value).map { " ; écrivez-la \($0)" } ?? " ; écrivez-la AAAA-MM-JJ"
            error("date invalide « \(value) »" + hint, at: node)
            return nil
        }
        if date > today {
            error("la date de mise à jour « \(value) » est dans le futur", at: node)
        } else if ISODate(value) == nil {
            warning("date « \(value) » lue comme le \(date.french) ; écrivez-la \(date)", at: node)
        }
        return date
    }
}

extension Contact {
    init(organisation: String) {
        self.init(
            organisation: organisation, nom: nil, fonction: nil, email: nil, telephone: nil, site: nil, adresse: nil)
    }
}
