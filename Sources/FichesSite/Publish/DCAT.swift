import FichesCore
import Foundation

/// `dcat.jsonld`: the open data described in DCAT-AP 3 (JSON-LD), so that a
/// data portal (the Walloon one harvests DCAT-AP) lists the catalogue: a
/// `dcat:Catalog` of one `dcat:Dataset`, the fiches, with a `dcat:Distribution`
/// per file, and its publisher as a `foaf:Agent`. Every value comes from
/// `catalogue.yml` and the fiches; the date is the newest fiche's.
enum DCAT {
    static let context: JSONValue = .object([
        "dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/",
        "foaf": "http://xmlns.com/foaf/0.1/", "xsd": "http://www.w3.org/2001/XMLSchema#",
    ])

    /// The EU's vocabularies for languages, file types and media types.
    static let french = "http://publications.europa.eu/resource/authority/language/FRA"
    static func fileType(_ code: String) -> String {
        "http://publications.europa.eu/resource/authority/file-type/\(code)"
    }
    static func mediaType(_ type: String) -> String { "https://www.iana.org/assignments/media-types/\(type)" }

    static func description(catalogue: Catalogue, router: Router, modified: ISODate?) -> Data {
        let site = catalogue.site
        let here = router.absolute(.dcat)
        func text(_ value: String) -> JSONValue { .object(["@value": .string(value), "@language": "fr"]) }
        func node(_ id: String) -> JSONValue { .object(["@id": .string(id)]) }
        let date: JSONValue? = modified.map { .object(["@value": .string($0.description), "@type": "xsd:date"]) }
        let publisher = node("\(here)#editeur")
        let distributions: [(id: String, title: String, route: Route, type: String, code: String)] = [
            ("json", "Les fiches en JSON, décrites par leur schéma", .fichesJSON, "application/json", "JSON"),
            ("csv", "Les fiches en CSV (RFC 4180)", .fichesCSV, "text/csv", "CSV"),
            (
                "csv-excel", "Les fiches en CSV pour Excel (point-virgule, UTF-8 avec BOM)", .fichesExcelCSV,
                "text/csv", "CSV"
            ),
            (
                "atom", "Les cinquante dernières fiches mises à jour, en flux Atom", .feed, "application/atom+xml",
                "ATOM"
            ),
        ]
        let dataset: JSONValue = .object([
            "@id": .string("\(here)#fiches"), "@type": "dcat:Dataset",
            "dct:title": text(site.titre), "dct:description": text(site.description),
            "dct:publisher": publisher, "dct:language": node(french), "dct:modified": date,
            "dcat:landingPage": node(router.absolute(.home)),
            "dct:license": site.licence.map { node($0.url) },
            "dcat:keyword": .array(catalogue.droits.map { text($0.libelle) }),
            "dcat:distribution": .array(
                distributions.map { distribution in
                    .object([
                        "@id": .string("\(here)#\(distribution.id)"), "@type": "dcat:Distribution",
                        "dct:title": text(distribution.title),
                        "dcat:accessURL": node(router.absolute(distribution.route)),
                        "dcat:downloadURL": node(router.absolute(distribution.route)),
                        "dcat:mediaType": node(mediaType(distribution.type)),
                        "dct:format": node(fileType(distribution.code)),
                        "dct:conformsTo": distribution.route == .fichesJSON
                            ? node(router.absolute(.fichesSchema)) : nil,
                        "dct:modified": date, "dct:license": site.licence.map { node($0.url) },
                    ])
                }),
        ])
        let document: JSONValue = .object([
            "@context": context,
            "@id": .string("\(here)#catalogue"), "@type": "dcat:Catalog",
            "dct:title": text(site.titre), "dct:description": text(site.description),
            "dct:publisher": .object([
                "@id": .string("\(here)#editeur"), "@type": "foaf:Agent", "foaf:name": text(site.editeur),
            ]),
            "foaf:homepage": node(router.absolute(.home)), "dct:language": node(french), "dct:modified": date,
            "dcat:dataset": .array([dataset]),
        ])
        return document.encoded(.readable)
    }
}
