/// One good practice, as its front matter describes it once validated: every
/// required field is there, and every id is the catalogue's term.
public struct Fiche: Sendable {
    public enum Statut: String, Sendable, CaseIterable {
        case publie, brouillon
    }

    public struct Territoire: Sendable, Equatable {
        public var province: Term?
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
    /// The first right of `droits:`.
    public var droitPrincipal: Term
    /// The other rights, in their order.
    public var autresDroits: [Term]
    public var publics: [String]
    public var porteurs: [Term]
    public var territoire: Territoire?
    /// At least one.
    public var contacts: [Contact]
    public var liens: [Lien]
    public var miseAJour: ISODate
    public var statut: Statut
    /// The front matter's links as published (`mailto:…`, `tel:+32…`, `https://…`)
    /// and where each is written, so a broken one is reported at its line.
    public var linkOrigins: [(link: String, location: SourceLocation)] = []
    /// The names the fiche had before (`anciennes-adresses`), each where it is
    /// written: each old address leads to the fiche.
    public var anciennesAdresses: [(slug: String, location: SourceLocation)] = []

    /// The main right, then the others.
    public var droits: [Term] { [droitPrincipal] + autresDroits }

    /// Where the practice takes place, as a card says it: `Hainaut : Mons, Boussu`,
    /// `Namur`, `Mons`; nil when the fiche does not say.
    public var lieu: String? {
        let province = territoire?.province?.libelle
        let communes = (territoire?.communes ?? []).joined(separator: ", ")
        switch (province, communes.isEmpty) {
        case (let province?, false): return "\(province) : \(communes)"
        case (let province?, true): return province
        case (nil, false): return communes
        case (nil, true): return nil
        }
    }
}

/// A fiche's Markdown body and the number of file lines before it.
public struct FicheBody: Sendable {
    public var text: String
    public var lineOffset: Int
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
