/// One good practice, as its Markdown file describes it.
public struct Fiche: Sendable {
    public enum Statut: String, Sendable, CaseIterable {
        case publie, brouillon
    }

    public struct Territoire: Sendable, Equatable {
        public var province: String?
        public var communes: [String]
    }

    public struct Lien: Sendable, Equatable {
        public var titre: String
        public var url: WebURL
    }

    /// The file name without `.md`; the fiche's URL is `/fiches/<slug>/`.
    public var slug: String
    /// The path as the user names it, for diagnostics (`fiches/sante/alzheimer-cafe.md`).
    public var file: String
    public var titre: String
    public var resume: String
    /// Right ids; the first is the main right.
    public var droits: [String]
    public var publics: [String]
    public var porteurs: [String]
    public var territoire: Territoire?
    public var contacts: [Contact]
    public var liens: [Lien]
    public var miseAJour: ISODate
    public var statut: Statut
    /// The Markdown body and the number of file lines before it.
    public var body: String
    public var bodyLineOffset: Int
    /// The front matter's links as published (`mailto:…`, `tel:+32…`, `https://…`)
    /// and where each is written, so a broken one is reported at its line.
    public var linkOrigins: [(link: String, location: SourceLocation)] = []

    public var droitPrincipal: String? { droits.first }
}

/// Someone to call about a practice.
public struct Contact: Sendable, Hashable {
    public var organisation: String
    public var nom: String?
    public var fonction: String?
    public var email: EmailAddress?
    public var telephone: PhoneNumber?
    public var site: WebURL?
    public var adresse: String?
}
