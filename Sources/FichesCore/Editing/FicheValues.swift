/// A fiche's front matter as the preview's form shows it: every value as the
/// editor writes it, nothing checked yet (the checks are the tool's own, run on
/// the file the form would write).
public struct FicheValues: Sendable, Equatable {
    public struct ContactValues: Sendable, Equatable {
        public var organisation = ""
        public var nom = ""
        public var fonction = ""
        public var email = ""
        public var telephone = ""
        public var site = ""
        public var adresse = ""

        public init() {}

        /// The keys of a contact, in the order `fiches new` writes them.
        public static let keys = Fiche.contactKeys

        public subscript(key: String) -> String {
            get {
                switch key {
                case "organisation": organisation
                case "nom": nom
                case "fonction": fonction
                case "email": email
                case "telephone": telephone
                case "site": site
                case "adresse": adresse
                default: ""
                }
            }
            set {
                switch key {
                case "organisation": organisation = newValue
                case "nom": nom = newValue
                case "fonction": fonction = newValue
                case "email": email = newValue
                case "telephone": telephone = newValue
                case "site": site = newValue
                case "adresse": adresse = newValue
                default: break
                }
            }
        }

        /// A block of the form left blank: not a contact.
        public var isEmpty: Bool { Self.keys.allSatisfy { self[$0].isEmpty } }
    }

    public struct LienValues: Sendable, Equatable {
        public var titre = ""
        public var url = ""

        public init(titre: String = "", url: String = "") {
            self.titre = titre
            self.url = url
        }

        public var isEmpty: Bool { titre.isEmpty && url.isEmpty }
    }

    public var titre = ""
    public var resume = ""
    /// The main right first.
    public var droits: [String] = []
    public var publics: [String] = []
    public var porteurs: [String] = []
    /// Empty when the fiche names none.
    public var province = ""
    public var communes: [String] = []
    public var contacts: [ContactValues] = []
    public var liens: [LienValues] = []
    public var miseAJour = ""
    /// `publie` (also when the file has no `statut`) or `brouillon`, or what the file says.
    public var statut = Fiche.Statut.publie.rawValue

    public init() {}

    /// The form's blank blocks left out, each text without the spaces around it,
    /// and Windows' line ends (which a browser sends) made Unix ones.
    public var tidied: FicheValues {
        func tidy(_ text: String) -> String {
            text.replacing("\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        }
        func tidy(_ texts: [String]) -> [String] { texts.map(tidy).filter { !$0.isEmpty } }
        var values = self
        values.titre = tidy(titre)
        values.resume = tidy(resume)
        values.droits = tidy(droits)
        values.publics = tidy(publics)
        values.porteurs = tidy(porteurs)
        values.province = tidy(province)
        values.communes = tidy(communes)
        values.contacts = contacts.map { contact in
            var tidied = contact
            for key in ContactValues.keys { tidied[key] = tidy(contact[key]) }
            return tidied
        }.filter { !$0.isEmpty }
        values.liens = liens.map { LienValues(titre: tidy($0.titre), url: tidy($0.url)) }.filter { !$0.isEmpty }
        values.miseAJour = tidy(miseAJour)
        values.statut = tidy(statut)
        return values
    }

    /// Whether the front-matter key `key` has the same value in both.
    public func same(_ key: String, as other: FicheValues) -> Bool {
        switch key {
        case "titre": titre == other.titre
        case "resume": resume == other.resume
        case "droits": droits == other.droits
        case "publics": publics == other.publics
        case "porteurs": porteurs == other.porteurs
        case "territoire": province == other.province && communes == other.communes
        case "contacts": contacts == other.contacts
        case "liens": liens == other.liens
        case "mise-a-jour": miseAJour == other.miseAJour
        case "statut": statut == other.statut
        default: true
        }
    }

    /// The value of the front-matter key `key` taken from `other`.
    public mutating func take(_ key: String, from other: FicheValues) {
        switch key {
        case "titre": titre = other.titre
        case "resume": resume = other.resume
        case "droits": droits = other.droits
        case "publics": publics = other.publics
        case "porteurs": porteurs = other.porteurs
        case "territoire": (province, communes) = (other.province, other.communes)
        case "contacts": contacts = other.contacts
        case "liens": liens = other.liens
        case "mise-a-jour": miseAJour = other.miseAJour
        case "statut": statut = other.statut
        default: break
        }
    }

    /// The keys of a block of `contacts` or of `liens`, in the order `fiches new` writes them.
    static func blockKeys(_ list: String) -> [String] {
        list == "contacts" ? ContactValues.keys : ["titre", "url"]
    }

    /// The front-matter keys the form edits, in the order `fiches new` writes them.
    public static let keys = Array(Fiche.keys.prefix { $0 != "anciennes-adresses" })
}
