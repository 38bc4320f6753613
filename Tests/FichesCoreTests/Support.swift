import FichesCore
import Foundation

enum Fixtures {
    static let folder = Bundle.module.resourceURL!.appendingPathComponent("Fixtures")

    static let catalogue: Catalogue = {
        let text = try! String(contentsOf: folder.appendingPathComponent("catalogue.yml"), encoding: .utf8)
        return Catalogue.read(text, file: "catalogue.yml").0!
    }()

    static let today = ISODate(year: 2025, month: 6, day: 30)!

    /// A valid fiche; tests change one line to break one rule.
    static let validFiche = """
        ---
        titre: Créer un Alzheimer café
        resume: Un lieu convivial pour les personnes malades et leurs proches.
        droits: [sante]
        porteurs: [pcs]
        territoire:
          province: hainaut
          communes: [Mons]
        contacts:
          - organisation: PCS de Wavre
            email: laurence.caps@wavre.be
            telephone: 010 23 45 67
        liens:
          - titre: Le portail
            url: http://cohesionsociale.wallonie.be
        mise-a-jour: 2024-03-12
        ---

        ## Contexte

        Texte.
        """

    /// The diagnostics of a fiche, as the user reads them.
    static func diagnostics(of text: String) -> [String] {
        Fiche.read(
            text, slug: "alzheimer-cafe", file: "fiches/sante/alzheimer-cafe.md", catalogue: catalogue, today: today
        )
        .diagnostics.map(\.description)
    }
}
