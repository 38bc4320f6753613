/// An entry of a vocabulary: a right, an initiator or a province.
public struct Term: Hashable, Sendable {
    public var id: String
    public var libelle: String
    public var description: String?

    public init(id: String, libelle: String, description: String? = nil) {
        self.id = id
        self.libelle = libelle
        self.description = description
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
    }

    public var site: Site
    public var droits: [Term]
    public var porteurs: [Term]
    public var provinces: [Term]

    public func droit(_ id: String) -> Term? { droits.first { $0.id == id } }
    public func porteur(_ id: String) -> Term? { porteurs.first { $0.id == id } }
    public func province(_ id: String) -> Term? { provinces.first { $0.id == id } }
}
