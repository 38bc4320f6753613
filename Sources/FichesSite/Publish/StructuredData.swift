import FichesCore
import Foundation

/// The schema.org description of a fiche, in its page as JSON-LD: the practice
/// (an `Article` about its rights), the organisations to contact, the area.
enum StructuredData {
    static func jsonLD(_ fiche: Fiche, catalogue: Catalogue, url: String) -> String {
        var place: [Place] = []
        if let territoire = fiche.territoire {
            let province = territoire.province.flatMap(catalogue.province).map {
                Named(type: "AdministrativeArea", name: $0.libelle)
            }
            place = territoire.communes.map { Place(type: "City", name: $0, containedInPlace: province) }
            if place.isEmpty, let province { place = [Place(type: province.type, name: province.name)] }
        }
        let document = Article(
            headline: fiche.titre, description: fiche.resume, url: url, dateModified: fiche.miseAJour.description,
            inLanguage: catalogue.site.langue,
            about: fiche.droits.compactMap(catalogue.droit).map { Named(type: "Thing", name: $0.libelle) },
            publisher: Named(type: "GovernmentOrganization", name: catalogue.site.editeur),
            contributor: fiche.contacts.map { contact in
                Organization(
                    name: contact.organisation, url: contact.site?.absoluteString, address: contact.adresse,
                    contactPoint: ContactPoint(
                        name: contact.nom, contactType: contact.fonction, email: contact.email?.address,
                        telephone: contact.telephone?.e164))
            },
            spatialCoverage: place.isEmpty ? nil : place,
            audience: fiche.publics.isEmpty ? nil : fiche.publics.map { Audience(audienceType: $0) })
        let data = (try? encoder.encode(document)) ?? Data("{}".utf8)
        // Inside <script>: no "<" at all, so no "</script>" nor "<!--" can end it early.
        guard data.contains(UInt8(ascii: "<")) else { return String(decoding: data, as: UTF8.self) }
        return String(decoding: data, as: UTF8.self).replacingOccurrences(of: "<", with: "\\u003c")
    }

    private static let encoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return encoder
    }()

    private struct Article: Encodable {
        var context = "https://schema.org"
        var type = "Article"
        var headline: String
        var description: String
        var url: String
        var dateModified: String
        var inLanguage: String
        var about: [Named]
        var publisher: Named
        var contributor: [Organization]
        var spatialCoverage: [Place]?
        var audience: [Audience]?

        enum CodingKeys: String, CodingKey {
            case context = "@context", type = "@type", headline, description, url, dateModified, inLanguage, about
            case publisher, contributor, spatialCoverage, audience
        }
    }

    private struct Named: Encodable {
        var type: String
        var name: String
        enum CodingKeys: String, CodingKey { case type = "@type", name }
    }

    private struct Place: Encodable {
        var type: String
        var name: String
        var containedInPlace: Named?
        enum CodingKeys: String, CodingKey { case type = "@type", name, containedInPlace }
    }

    private struct Organization: Encodable {
        var type = "Organization"
        var name: String
        var url: String?
        var address: String?
        var contactPoint: ContactPoint
        enum CodingKeys: String, CodingKey { case type = "@type", name, url, address, contactPoint }
    }

    private struct ContactPoint: Encodable {
        var type = "ContactPoint"
        var availableLanguage = "fr"
        var name: String?
        var contactType: String?
        var email: String?
        var telephone: String?
        enum CodingKeys: String, CodingKey {
            case type = "@type", availableLanguage, name, contactType, email, telephone
        }
    }

    private struct Audience: Encodable {
        var type = "Audience"
        var audienceType: String
        enum CodingKeys: String, CodingKey { case type = "@type", audienceType }
    }
}
