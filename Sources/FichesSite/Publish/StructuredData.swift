import FichesCore
import Foundation

/// The schema.org description of a fiche, in its page as JSON-LD: the practice
/// (an `Article` about its rights), the organisations to contact, the area.
enum StructuredData {
    static func jsonLD(_ fiche: Fiche, catalogue: Catalogue, router: Router) -> HTML {
        func named(_ type: String, _ name: String) -> JSONValue {
            .object(["@type": .string(type), "name": .string(name)])
        }
        var place: [JSONValue] = []
        if let territoire = fiche.territoire {
            let province = territoire.province.map { named("AdministrativeArea", $0.libelle) }
            place = territoire.communes.map {
                .object(["@type": "City", "name": .string($0), "containedInPlace": province])
            }
            if place.isEmpty, let province { place = [province] }
        }
        let document: JSONValue = .object([
            "@context": "https://schema.org", "@type": "Article", "headline": .string(fiche.titre),
            "description": .string(fiche.resume), "url": .string(router.absolute(.fiche(slug: fiche.slug))),
            "dateModified": .string(fiche.miseAJour.description), "inLanguage": .string(catalogue.site.langue),
            "about": .array(fiche.droits.map { named("Thing", $0.libelle) }),
            "publisher": named("GovernmentOrganization", catalogue.site.editeur),
            "contributor": .array(
                fiche.contacts.map { contact in
                    .object([
                        "@type": "Organization", "name": .string(contact.organisation),
                        "url": contact.site.map { .string($0.absoluteString) },
                        "address": contact.adresse.map(JSONValue.string),
                        "contactPoint": .object([
                            "@type": "ContactPoint", "availableLanguage": "fr",
                            "name": contact.nom.map(JSONValue.string),
                            "contactType": contact.fonction.map(JSONValue.string),
                            "email": contact.email.map { .string($0.address) },
                            "telephone": contact.telephone.map { .string($0.e164) },
                        ]),
                    ])
                }),
            "spatialCoverage": place.isEmpty ? nil : .array(place),
            "audience": fiche.publics.isEmpty
                ? nil : .array(fiche.publics.map { .object(["@type": "Audience", "audienceType": .string($0)]) }),
        ])
        var bytes: [UInt8] = []
        document.write(into: &bytes, format: .compact, level: 0)
        // Inside <script>: no "<" at all, so no "</script>" nor "<!--" can end it early.
        if bytes.contains(UInt8(ascii: "<")) {
            bytes = bytes.flatMap { $0 == UInt8(ascii: "<") ? Array("\\u003c".utf8) : [$0] }
        }
        return HTML(trusted: String(decoding: bytes, as: UTF8.self))
    }
}
