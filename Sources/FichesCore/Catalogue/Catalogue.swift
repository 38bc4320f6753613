/// An entry of a vocabulary: a right, an initiator or a province.
public struct Term: Hashable, Sendable {
    public var id: String
    public var libelle: String
    /// What the term covers, shown on its page.
    public var description: String?
    /// A right's legal basis or source (`base-legale`), shown on its page.
    public var baseLegale: String?

    public init(id: String, libelle: String, description: String? = nil, baseLegale: String? = nil) {
        self.id = id
        self.libelle = libelle
        self.description = description
        self.baseLegale = baseLegale
    }
}

/// `catalogue.yml`: the site's settings and every vocabulary. Nothing about
/// rights, initiators or provinces is written in code.
public struct Catalogue: Sendable {
    public struct Site: Sendable {
        public var titre: String
        public var description: String
        /// The absolute base URL, ending with `/`.
        public var url: String
        public var langue: String
        public var editeur: String
        /// A fiche not updated for this many months is listed "à revoir".
        public var revisionMois: Int
        /// The publisher's portal (`portail`), where a fiche can be proposed.
        public var portail: String?
        /// The publisher's logo (`logo: {fichier, texte}`): a file of the source folder, and its text.
        public var logo: Logo?
        /// The open data's licence (`licence: {titre, url}`), for re-users and data portals.
        public var licence: Licence?
    }

    public struct Licence: Sendable {
        public var titre: String
        public var url: String
    }

    public struct Logo: Sendable {
        /// Relative to the source folder.
        public var fichier: String
        public var texte: String
        /// Where `catalogue.yml` names the file.
        public var location: SourceLocation
    }

    /// `accessibilite`: when the accessibility statement was drawn up, and where to report a problem.
    public struct Accessibility: Sendable {
        public var date: ISODate
        public var contact: String
    }

    /// `vie-privee`: what the privacy page says, and what the bulk exports keep of a contact.
    public struct Privacy: Sendable, Equatable {
        /// Which e-mail addresses the bulk exports keep (`fiches.json`, the CSVs).
        public enum Emails: String, Sendable, CaseIterable {
            /// Every address.
            case toutes
            /// Those that do not name a person: `accueil@…`, not `prenom.nom@…`.
            case generiques
            /// None.
            case aucune
        }
        public var responsable: String
        public var finalite: String
        public var baseLegale: String
        public var conservation: String
        /// An address (`mailto:` or http(s)) to exercise one's rights.
        public var contact: String
        /// Whether the bulk exports keep the names of contact persons.
        public var exportNoms = false
        public var exportCourriels = Emails.generiques
    }

    public var site: Site
    public var droits: [Term]
    public var porteurs: [Term]
    public var provinces: [Term]
    /// External links the link checker must not ask for, each with its reason.
    public var liensExclus: [LinkExclusion] = []
    /// Fiches taken out of the catalogue (`retirees`): each address keeps a page that says so.
    public var retirees: [RetiredFiche] = []
    public var accessibilite: Accessibility?
    public var viePrivee: Privacy?
    /// More paragraphs for the legal notice (`mentions-legales`): the host, for instance.
    public var mentionsLegales: [String] = []
    /// Words officers use for the same thing (`assuétudes`, `drogue`,
    /// `toxicomanie`): a fiche found by one phrase of a group is found by the
    /// others. Each phrase as its search terms.
    public var synonymes: [[[SearchTerm]]] = []

    public func droit(_ id: String) -> Term? { droits.first { $0.id == id } }
}

/// A pattern of URLs that `fiches links --external` skips, and why.
public struct LinkExclusion: Hashable, Sendable {
    /// `*` stands for any run of characters: `https://www.facebook.com/*`.
    public var motif: String
    public var raison: String

    public init(motif: String, raison: String) {
        self.motif = motif
        self.raison = raison
    }

    /// Whether `url` matches the whole pattern.
    public func matches(_ url: String) -> Bool {
        let parts = motif.split(separator: "*", omittingEmptySubsequences: false)
        guard parts.count > 1 else { return url == motif }
        var rest = Substring(url)
        guard rest.hasPrefix(parts[0]) else { return false }
        rest = rest.dropFirst(parts[0].count)
        for part in parts.dropFirst().dropLast() where !part.isEmpty {
            guard let found = rest.range(of: part) else { return false }
            rest = rest[found.upperBound...]
        }
        return rest.hasSuffix(parts.last!)
    }
}

extension Array where Element == Term {
    /// The term whose id is `id` as written; else the one term whose id, or
    /// label, it is when case, accents and spaces are set aside (`Hainaut`,
    /// `Santé`, `brabant wallon`, `Droit à la santé`), with `exact` false; nil
    /// when none, or several, match.
    public func matching(_ id: String) -> (term: Term, exact: Bool)? {
        if let term = first(where: { $0.id == id }) { return (term, true) }
        let key = Slug.make(from: id)
        guard !key.isEmpty else { return nil }
        for name in [\Term.id, \Term.libelle] {
            let matches = filter { Slug.make(from: $0[keyPath: name]) == key }
            if matches.count == 1 { return (matches[0], false) }
        }
        return nil
    }
}

/// A fiche taken out of the catalogue, in `retirees:` of `catalogue.yml`: its
/// address keeps a page that says it was withdrawn, when, and where to look instead.
public struct RetiredFiche: Hashable, Sendable {
    /// A slug, and where `catalogue.yml` writes it.
    public struct Reference: Hashable, Sendable {
        public var slug: String
        public var location: SourceLocation
    }

    public var fiche: Reference
    public var titre: String
    public var date: ISODate
    /// Why, in a sentence.
    public var raison: String?
    /// The fiches to read instead.
    public var voir: [Reference]
}
