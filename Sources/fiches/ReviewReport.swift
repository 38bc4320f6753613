import FichesCore
import FichesSite
import Foundation

/// `fiches check --a-revoir`: the fiches to update, oldest first, and whom to call.
enum ReviewReport {
    /// `complete` is false when some fiches could not be read (an error): they are not counted.
    static func text(_ due: [SiteBuilder.Review], months: Int, complete: Bool) -> String {
        guard !due.isEmpty else {
            return complete
                ? "Aucune fiche à revoir : toutes ont été mises à jour il y a \(months) mois ou moins."
                : "Aucune fiche à revoir parmi celles qui se lisent sans erreur : corrigez les autres, puis relancez."
        }
        var lines = [
            (due.count > 1
                ? "\(due.count) fiches à revoir (mises à jour il y a plus de \(months) mois), "
                : "1 fiche à revoir (mise à jour il y a plus de \(months) mois), ")
                + "de la plus ancienne à la plus récente :"
        ]
        for fiche in due {
            lines.append("")
            lines.append(
                "\(fiche.file) : \(quoted(fiche.titre)), mise à jour le \(fiche.miseAJour.french) (il y a \(fiche.months) mois)"
            )
            for contact in fiche.contacts {
                let person = [contact.nom, contact.fonction].compactMap { $0 }.joined(separator: ", ")
                let parts =
                    [
                        contact.organisation, person.isEmpty ? nil : person, contact.email?.address,
                        contact.telephone?.display, contact.site?.absoluteString,
                    ]
                lines.append("  " + parts.compactMap { $0 }.joined(separator: " – "))
            }
        }
        return lines.joined(separator: "\n")
    }

    /// « titre », or “titre” when it has guillemets of its own: never « « » ».
    private static func quoted(_ titre: String) -> String {
        titre.contains("«") ? "“\(titre)”" : "« \(titre) »"
    }

    /// `{"revision-mois": 24, "a-revoir": [{"fichier", "titre", "mise-a-jour", "mois", "contacts"}]}`.
    static func json(_ due: [SiteBuilder.Review], months: Int) -> String {
        struct Person: Encodable {
            var organisation: String
            var nom, fonction, email, telephone, site: String?
        }
        struct Entry: Encodable {
            var fichier: String
            var titre: String
            var miseAJour: String
            var mois: Int
            var contacts: [Person]

            enum CodingKeys: String, CodingKey {
                case fichier, titre, mois, contacts
                case miseAJour = "mise-a-jour"
            }
        }
        struct Document: Encodable {
            var revisionMois: Int
            var aRevoir: [Entry]

            enum CodingKeys: String, CodingKey {
                case revisionMois = "revision-mois"
                case aRevoir = "a-revoir"
            }
        }
        let document = Document(
            revisionMois: months,
            aRevoir: due.map { fiche in
                Entry(
                    fichier: fiche.file, titre: fiche.titre, miseAJour: fiche.miseAJour.description, mois: fiche.months,
                    contacts: fiche.contacts.map {
                        Person(
                            organisation: $0.organisation, nom: $0.nom, fonction: $0.fonction, email: $0.email?.address,
                            telephone: $0.telephone?.display, site: $0.site?.absoluteString)
                    })
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(document)) ?? Data(), as: UTF8.self)
    }
}
