import CLibXML2
import FichesCore
import FichesLinks
import FichesMarkdown
import Foundation
import Testing

@testable import FichesSite

/// Whether libxml2 finds `xml` valid against the RELAX NG schema `Schemas/<name>.rng`.
private func isValid(_ xml: Data, against name: String) throws -> Bool {
    let schema = try Data(contentsOf: Paths.tests.appendingPathComponent("Schemas/\(name).rng"))
    let parser = schema.withUnsafeBytes { xmlRelaxNGNewMemParserCtxt($0.baseAddress, Int32($0.count)) }
    defer { xmlRelaxNGFreeParserCtxt(parser) }
    let grammar = try #require(xmlRelaxNGParse(parser))
    defer { xmlRelaxNGFree(grammar) }
    let document = try #require(
        xml.withUnsafeBytes {
            xmlReadMemory($0.baseAddress, Int32($0.count), "feed.xml", "UTF-8", Int32(XML_PARSE_NONET.rawValue))
        })
    defer { xmlFreeDoc(document) }
    let validator = xmlRelaxNGNewValidCtxt(grammar)
    defer { xmlRelaxNGFreeValidCtxt(validator) }
    return xmlRelaxNGValidateDoc(validator, document) == 0
}

private func published() async throws -> BuiltSite {
    try #require(try await generate(.fixture()).site)
}

private func text(_ site: BuiltSite, _ path: String) throws -> String {
    String(decoding: try #require(site.contents(of: path)), as: UTF8.self)
}

@Test func theAtomFeedAndTheSitemapAreValidAndTheirSchemasRefuseMistakes() async throws {
    let site = try await published()
    let atom = try #require(site.contents(of: "atom.xml"))
    let sitemap = try #require(site.contents(of: "sitemap.xml"))
    #expect(try isValid(atom, against: "atom"))
    #expect(try isValid(sitemap, against: "sitemap"))
    // The schemas are not lenient: an entry without its id, a date without its zeros, are refused.
    let noID = try text(site, "atom.xml").replacingOccurrences(
        of: "<id>tag:example.org,2024:fiches/alzheimer-cafe</id>", with: "")
    #expect(noID != (try text(site, "atom.xml")))
    #expect(!(try isValid(Data(noID.utf8), against: "atom")))
    let badDate = try text(site, "sitemap.xml").replacingOccurrences(
        of: "<lastmod>2024-03-12", with: "<lastmod>2024-3-12")
    #expect(!(try isValid(Data(badDate.utf8), against: "sitemap")))
}

@Test func theFeedHasEveryFicheNewestFirstWithStableIDs() async throws {
    let site = try await published()
    let atom = try text(site, "atom.xml")
    let ids = atom.matches(of: /<id>tag:example\.org,2024:fiches\/([a-z-]+)<\/id>/).map { String($0.output.1) }
    let updated = atom.matches(
        of: /<entry>\n<id>[^<]+<\/id>\n<title>[^<]+<\/title>\n<link[^>]+\/>\n<updated>([0-9-]+)T/
    )
    .map { String($0.output.1) }
    #expect(Set(ids) == ["alzheimer-cafe", "ecrivain-public", "maison-medicale"])
    #expect(updated == updated.sorted(by: >))
    #expect(updated.count == 3)
    // The ids do not follow --base-url: a preview deployment keeps them.
    var options = BuildOptions.fixture()
    options.baseURL = "https://apercu.example.net/pr-12/"
    let preview = try #require(try await generate(options).site)
    let previewAtom = try text(preview, "atom.xml")
    #expect(previewAtom.matches(of: /<id>tag:example\.org,2024:fiches\/([a-z-]+)<\/id>/).count == 3)
    #expect(previewAtom.contains("href=\"https://apercu.example.net/pr-12/fiches/alzheimer-cafe/\""))
    #expect(try text(preview, "robots.txt").hasSuffix("Sitemap: https://apercu.example.net/pr-12/sitemap.xml\n"))
}

@Test func theCSVFilesFollowRFC4180AndExcelsHabits() async throws {
    let site = try await published()
    let csv = try text(site, "fiches.csv")
    let rows = csv.components(separatedBy: "\r\n")
    #expect(rows.last == "")
    #expect(rows.count == 1 + 3 + 1)
    #expect(rows[0].hasPrefix("slug,url,titre,resume,droit-principal,droits,"))
    // A summary with a comma is quoted; multi-valued fields are joined with " | ".
    #expect(
        rows[1].hasPrefix(
            "alzheimer-cafe,https://example.org/bonnes-pratiques/fiches/alzheimer-cafe/,Créer un Alzheimer café,"))
    #expect(rows[1].contains(",Droit à la santé,Droit à la santé | Droit à l'alimentation,"))
    let excel = try #require(site.contents(of: "fiches-excel.csv"))
    #expect(excel.starts(with: [0xEF, 0xBB, 0xBF]))
    let excelRows = String(decoding: excel.dropFirst(3), as: UTF8.self).components(separatedBy: "\r\n")
    #expect(excelRows[0].hasPrefix("slug;url;titre;resume;"))
    #expect(excelRows.count == rows.count)
}

@Test func eachFichePageCarriesItsStructuredDataAndOpenGraph() async throws {
    let site = try await published()
    let page = try text(site, "fiches/alzheimer-cafe/index.html")
    let json = try #require(page.firstMatch(of: /<script type="application\/ld\+json">(.+)<\/script>/)?.output.1)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    #expect(object["@type"] as? String == "Article")
    #expect(object["headline"] as? String == "Créer un Alzheimer café")
    #expect(object["url"] as? String == "https://example.org/bonnes-pratiques/fiches/alzheimer-cafe/")
    let contributor = try #require((object["contributor"] as? [[String: Any]])?.first)
    #expect(contributor["name"] as? String == "PCS de Wavre")
    #expect((contributor["contactPoint"] as? [String: Any])?["telephone"] as? String == "+3210234567")
    #expect(
        (object["spatialCoverage"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == ["Mons", "Quaregnon"])
    #expect(page.contains("<meta property=\"og:type\" content=\"article\">"))
    #expect(
        page.contains(
            "<meta property=\"og:url\" content=\"https://example.org/bonnes-pratiques/fiches/alzheimer-cafe/\">"))
}

/// Every internal link resolves, at the root of a host and under a sub-path.
@Test(arguments: ["https://example.org/", "https://example.org/bonnes-pratiques/"])
func aSubPathBuildHasNoBrokenLink(baseURL: String) async throws {
    var options = BuildOptions.fixture()
    options.baseURL = baseURL
    let site = try #require(try await generate(options).site)
    let (pages, paths) = site.pagesAndPaths()
    let report = await LinkChecker(siteURL: baseURL).check(pages: pages, paths: paths).report
    #expect(report.findings.map(\.target) == [])
    for path in ["sitemap.xml", "atom.xml", "fiches.json"] {
        let text = try text(site, path)
        let urls = text.matches(of: /https?:\/\/example\.org\/[^"<\s]*/).map { String($0.output) }
        #expect(!urls.isEmpty)
        #expect(urls.allSatisfy { $0.hasPrefix(baseURL) }, "\(path)")
    }
}

/// `JSONValue` writes what `JSONEncoder` writes (sorted keys, pretty or compact, slashes
/// escaped or not) for every character, empty and nested collections, absent members.
@Test(arguments: [JSONValue.Format.readable, .compact, .compactWithSlashes])
func aJSONValueIsWhatJSONEncoderWrites(format: JSONValue.Format) throws {
    /// The same value through `Encodable`, for the encoder.
    struct Encoded: Encodable {
        let value: JSONValue
        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch value {
            case .string(let text): try container.encode(text)
            case .int(let number): try container.encode(number)
            case .bool(let flag): try container.encode(flag)
            case .array(let items): try container.encode(items.map(Encoded.init))
            case .object(let members):
                try container.encode(
                    Dictionary(
                        members.pairs.compactMap { key, value in value.map { (key, Encoded(value: $0)) } },
                        uniquingKeysWith: { first, _ in first }))
            }
        }
    }
    let every = String(String.UnicodeScalarView((0..<0x80).compactMap(Unicode.Scalar.init)))
    let text = every + "é’«»\u{2028}\u{85}🙂 </script> https://example.org/a/b?c=1&d=\"2\""
    let value: JSONValue = .object([
        "texte": .string(text), "vide": .string(""), "liste vide": .array([]), "objet vide": .object([:]),
        "zéro": 0, "déjà triés": .object(["a": 1, "b": 2, "c": nil]),
        "absent": nil, "nombres": .array([0, -1, 42, 2_000_000_000]), "vrai": true, "faux": false,
        "imbriqué": .array([.object(["b": .array([.array([]), .object(["c": nil])]), "a": .string(text)]), "x"]),
        "@type": "Article", "a-b": 1, "a10": 2, "a9": 3, "B": 4,
    ])
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    if format.pretty { encoder.outputFormatting.insert(.prettyPrinted) }
    if !format.escapingSlashes { encoder.outputFormatting.insert(.withoutEscapingSlashes) }
    #expect(
        String(decoding: value.encoded(format), as: UTF8.self)
            == String(decoding: try encoder.encode(Encoded(value: value)), as: UTF8.self))
    #expect(JSONValue.array([]).encoded(format) == (try encoder.encode([Int]())))
}

/// fiches.json is written member by member and fiche by fiche: its bytes must be what
/// `JSONEncoder` writes of the same document at once, with fiches and without.
@Test(arguments: [true, false])
func fichesJSONIsWhatJSONEncoderWritesOfTheWholeDocument(withFiches: Bool) async throws {
    /// Any JSON value, read by `JSONDecoder` (strict about booleans and numbers) and written again.
    indirect enum Value: Codable {
        case flag(Bool), number(Int), text(String), list([Value]), object([String: Value])
        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let flag = try? container.decode(Bool.self) {
                self = .flag(flag)
            } else if let number = try? container.decode(Int.self) {
                self = .number(number)
            } else if let text = try? container.decode(String.self) {
                self = .text(text)
            } else if let list = try? container.decode([Value].self) {
                self = .list(list)
            } else {
                self = .object(try container.decode([String: Value].self))
            }
        }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .flag(let flag): try container.encode(flag)
            case .number(let number): try container.encode(number)
            case .text(let text): try container.encode(text)
            case .list(let list): try container.encode(list)
            case .object(let object): try container.encode(object)
            }
        }
    }
    let folder = try TemporaryFolder()
    try folder.write([
        "fiches/catalogue.yml": try String(contentsOfFile: "\(Paths.catalogue)/catalogue.yml", encoding: .utf8)
    ])
    let source = withFiches ? Paths.catalogue : folder.url.appendingPathComponent("fiches").path
    let site = try #require(try await generate(.fixture(source: source)).site)
    let written = try #require(site.contents(of: "fiches.json"))
    let document = try JSONDecoder().decode(Value.self, from: written)
    guard case .object(let members) = document, case .list(let fiches) = members["fiches"] else {
        Issue.record("fiches.json is not an object with a list of fiches")
        return
    }
    #expect(fiches.isEmpty == !withFiches)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    #expect(
        String(decoding: written, as: UTF8.self)
            == String(decoding: try encoder.encode(document), as: UTF8.self) + "\n")
}

/// Without JavaScript an officer browses by province, initiator and public as
/// by right: each fiche of the real catalogue is on the page of its province,
/// of each of its initiators and of each of its publics, which its details
/// link to, and which the sitemap lists; the home page links to every province
/// and initiator and to the publics shared by two fiches.
@Test func everyFicheIsOnThePagesOfItsProvinceInitiatorsAndPublics() async throws {
    var options = BuildOptions.fixture(source: Paths.repository.appendingPathComponent("fiches").path)
    options.today = ISODate(year: 2026, month: 11, day: 29)!
    let generated = try await generate(options)
    let site = try #require(generated.site, "\(generated.result.diagnostics)")
    let (catalogue, _) = try SiteBuilder.catalogue(source: options.source)
    let terms = try #require(catalogue)
    let sitemap = try text(site, "sitemap.xml")
    let home = try text(site, "index.html")
    let data = try #require(site.contents(of: "fiches.json"))
    let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let fiches = try #require(json["fiches"] as? [[String: Any]])
    #expect(fiches.count == 9)
    var publicCounts: [String: Int] = [:]
    for fiche in fiches {
        let slug = try #require(fiche["slug"] as? String)
        let page = try text(site, "fiches/\(slug)/index.html")
        var lists: [String] = []
        if let province = (fiche["territoire"] as? [String: Any])?["province"] as? [String: Any] {
            lists.append("provinces/\(try #require(province["id"] as? String))/")
        }
        for porteur in fiche["porteurs"] as? [[String: Any]] ?? [] {
            lists.append("porteurs/\(try #require(porteur["id"] as? String))/")
        }
        for label in fiche["publics"] as? [String] ?? [] {
            lists.append("publics/\(Slug.make(from: label))/")
            publicCounts[Slug.make(from: label), default: 0] += 1
        }
        #expect(!lists.isEmpty, "\(slug)")
        for list in lists {
            #expect(page.contains("href=\"../../\(list)\""), "\(slug) → \(list)")
            #expect(try text(site, list + "index.html").contains("href=\"../../fiches/\(slug)/\""), "\(list) ∌ \(slug)")
            #expect(
                sitemap.contains("<loc>https://cohesionsociale.wallonie.be/bonnes-pratiques/\(list)</loc>"), "\(list)")
        }
    }
    for term in terms.provinces {
        #expect(home.contains("href=\"provinces/\(term.id)/\""), "\(term.id)")
    }
    for term in terms.porteurs {
        #expect(home.contains("href=\"porteurs/\(term.id)/\""), "\(term.id)")
    }
    #expect(publicCounts.values.contains { $0 >= 2 })
    for (id, count) in publicCounts {
        #expect(home.contains("href=\"publics/\(id)/\"") == (count >= 2), "\(id)")
    }

    // The rights with fiches first, in the grid; the empty ones after, compactly; an
    // empty right's page leads to the rights that have fiches.
    let grid = try #require(home.firstMatch(of: /<ul class="droits-grille">(.*?)<\/ul>/.dotMatchesNewlines())).output.1
    let empty = try #require(home.firstMatch(of: /<ul class="listes droits-vides">(.*?)<\/ul>/.dotMatchesNewlines()))
        .output.1
    let rights = try #require(json["droits"] as? [[String: Any]])
    for right in rights {
        let id = try #require(right["id"] as? String)
        let count = try #require(right["fiches"] as? Int)
        #expect(grid.contains("href=\"droits/\(id)/\"") == (count > 0), "\(id)")
        #expect(empty.contains("href=\"droits/\(id)/\"") == (count == 0), "\(id)")
        if count == 0 {
            let page = try text(site, "droits/\(id)/index.html")
            #expect(page.contains("Proposez-la à l'éditeur du répertoire"))
            #expect(page.contains("href=\"../sante/\""), "\(id)")
        }
    }

    // Every example word of the search hint finds a fiche of the real catalogue.
    let hint = try #require(home.firstMatch(of: /<p id="aide-recherche" class="aide">([^<]+)<\/p>/)).output.1
    let examples = hint.matches(of: /«[\s\u{A0}]([^»]+?)[\s\u{A0}]»/).map { String($0.output.1) }
    #expect(examples.count >= 3)
    for example in examples {
        let term = try #require(SearchTerms.terms(example).first)
        let shard = try #require(site.contents(of: "recherche/index/\(term.shard).json"), "\(example)")
        let postings = try #require(try JSONSerialization.jsonObject(with: shard) as? [String: [Int]])
        #expect(postings[term.text]?.isEmpty == false, "« \(example) » finds nothing")
    }
}

/// A vCard's text values are escaped and its lines folded at 75 octets,
/// never inside a character, each ended by CRLF.
@Test func aVCardEscapesItsValuesAndFoldsItsLines() {
    #expect(VCard.text("Rue de la Paix, 12; étage\\2\nMons") == "Rue de la Paix\\, 12\\; étage\\\\2\\nMons")
    let long = "NOTE:" + String(repeating: "é", count: 60)
    let folded = VCard.folded(long)
    let lines = folded.components(separatedBy: "\r\n").dropLast()
    #expect(lines.count == 2)
    #expect(lines.allSatisfy { $0.utf8.count <= 75 })
    #expect(lines.dropFirst().allSatisfy { $0.hasPrefix(" ") })
    #expect(lines.map { $0.hasPrefix(" ") ? String($0.dropFirst()) : $0 }.joined() == long)
    #expect(folded.hasSuffix("\r\n"))
}

/// `dcat.jsonld` names what DCAT-AP 3 makes mandatory, from `catalogue.yml`;
/// the browser tests also read it with a JSON-LD processor.
@Test func theDCATDescriptionNamesTheCatalogueItsPublisherAndEachFile() async throws {
    let project = try TemporaryFolder()
    let source = project.url.appendingPathComponent("fiches")
    try FileManager.default.copyItem(atPath: Paths.catalogue, toPath: source.path)
    let catalogue = source.appendingPathComponent("catalogue.yml")
    let withLicence = try String(contentsOf: catalogue, encoding: .utf8).replacingOccurrences(
        of: "  editeur: Équipe de test\n",
        with:
            "  editeur: Équipe de test\n  licence: {titre: CC BY 4.0, url: \"https://creativecommons.org/licenses/by/4.0/\"}\n"
    )
    try Data(withLicence.utf8).write(to: catalogue)
    let site = try #require(try await generate(.fixture(source: source.path)).site)
    let data = try #require(site.contents(of: "dcat.jsonld"))
    let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let context = try #require(document["@context"] as? [String: String])
    #expect(context["dcat"] == "http://www.w3.org/ns/dcat#")
    #expect(context["dct"] == "http://purl.org/dc/terms/")
    #expect(context["foaf"] == "http://xmlns.com/foaf/0.1/")
    #expect(document["@type"] as? String == "dcat:Catalog")
    func value(_ node: [String: Any], _ key: String) -> String? {
        (node[key] as? [String: Any])?["@value"] as? String
    }
    #expect(value(document, "dct:title") == "Catalogue de test")
    #expect(value(document, "dct:description") != nil)
    let publisher = try #require(document["dct:publisher"] as? [String: Any])
    #expect(publisher["@type"] as? String == "foaf:Agent")
    #expect(value(publisher, "foaf:name") == "Équipe de test")
    let dataset = try #require((document["dcat:dataset"] as? [[String: Any]])?.first)
    #expect(dataset["@type"] as? String == "dcat:Dataset")
    #expect(value(dataset, "dct:title") != nil && value(dataset, "dct:description") != nil)
    let files = ((dataset["dcat:distribution"] as? [[String: Any]]) ?? []).compactMap {
        ($0["dcat:accessURL"] as? [String: Any])?["@id"] as? String
    }
    #expect(
        files
            == ["fiches.json", "fiches.csv", "fiches-excel.csv", "atom.xml"].map {
                "https://example.org/bonnes-pratiques/\($0)"
            })
    for file in files {
        #expect(site.contents(of: String(file.dropFirst("https://example.org/bonnes-pratiques/".count))) != nil)
    }
    // The licence, on the dataset and each file, and in the legal notice.
    let licence = "https://creativecommons.org/licenses/by/4.0/"
    #expect((dataset["dct:license"] as? [String: Any])?["@id"] as? String == licence)
    let distributions = (dataset["dcat:distribution"] as? [[String: Any]]) ?? []
    #expect(distributions.allSatisfy { ($0["dct:license"] as? [String: Any])?["@id"] as? String == licence })
    let notice = String(decoding: try #require(site.contents(of: "mentions-legales/index.html")), as: UTF8.self)
    #expect(notice.contains(#"sous licence <a href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>."#))
}

/// The bulk exports leave out what names a person, unless `vie-privee` opts it
/// in; the pages keep it, so the practice can be reached.
@Test(
    arguments: [
        ("", [["masque": "nom email"], ["email": "accueil@csic.be"], ["masque": "nom email"]]),
        (
            "vie-privee:\n  responsable: R\n  finalite: F\n  base-legale: B\n  conservation: C\n  contact: mailto:dpo@pcs-essai.be\n  exports: {noms: true, courriels: toutes}\n",
            [
                ["nom": "Laurence Caps", "email": "laurence.caps@wavre.be"], ["email": "accueil@csic.be"],
                ["nom": "Laurence Caps", "email": "laurence.caps@wavre.be"],
            ]
        ),
    ] as [(String, [[String: String]])])
func theExportsLeaveOutWhatNamesAPersonUnlessTheCatalogueOptsItIn(
    settings: String, expected: [[String: String]]
) async throws {
    let project = try TemporaryFolder()
    let source = project.url.appendingPathComponent("fiches")
    try FileManager.default.copyItem(atPath: Paths.catalogue, toPath: source.path)
    let catalogue = source.appendingPathComponent("catalogue.yml")
    try Data((try String(contentsOf: catalogue, encoding: .utf8) + "\n" + settings).utf8).write(to: catalogue)
    let site = try #require(try await generate(.fixture(source: source.path)).site)
    let data = try #require(site.contents(of: "fiches.json"))
    let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let contacts = ((json["fiches"] as? [[String: Any]]) ?? []).flatMap { ($0["contacts"] as? [[String: Any]]) ?? [] }
        .filter { $0["email"] != nil || $0["masque"] != nil }
    #expect(contacts.count == expected.count)
    for (contact, wanted) in zip(contacts, expected) {
        for key in ["nom", "email"] { #expect(contact[key] as? String == wanted[key], "\(contact)") }
        #expect((contact["masque"] as? [String])?.joined(separator: " ") == wanted["masque"], "\(contact)")
    }
    let csv = String(decoding: try #require(site.contents(of: "fiches.csv")), as: UTF8.self)
    #expect(csv.contains("laurence.caps@wavre.be") == !settings.isEmpty)
    #expect(csv.contains("Laurence Caps") == !settings.isEmpty)
    // The fiche's page still gives them.
    let page = String(decoding: try #require(site.contents(of: "fiches/alzheimer-cafe/index.html")), as: UTF8.self)
    #expect(page.contains("laurence.caps@wavre.be") && page.contains("Laurence Caps"))
    // With the settings, a privacy page, in the footer and the sitemap.
    #expect((site.contents(of: "vie-privee/index.html") != nil) == !settings.isEmpty)
    let sitemap = String(decoding: try #require(site.contents(of: "sitemap.xml")), as: UTF8.self)
    #expect(sitemap.contains("vie-privee/</loc>") == !settings.isEmpty)
    #expect(page.contains(">Vie privée</a>") == !settings.isEmpty)
}

/// The publisher's logo, named in `catalogue.yml`, in every page's header with
/// its text, and published; a logo file that is not there is an error at its line.
@Test func thePublishersLogoIsInTheHeaderAndAMissingOneIsAnError() async throws {
    let project = try TemporaryFolder()
    let source = project.url.appendingPathComponent("fiches")
    try FileManager.default.copyItem(atPath: Paths.catalogue, toPath: source.path)
    let catalogue = source.appendingPathComponent("catalogue.yml")
    let text = try String(contentsOf: catalogue, encoding: .utf8)
    let withLogo = text.replacingOccurrences(
        of: "  editeur: Équipe de test\n",
        with:
            "  editeur: Équipe de test\n  portail: https://portail.example.be/\n  logo: {fichier: sante/img/cafe.svg, texte: \"Équipe de test, accueil\"}\n"
    )
    #expect(withLogo != text)
    try Data(withLogo.utf8).write(to: catalogue)
    let site = try #require(try await generate(.fixture(source: source.path)).site)
    let page = String(decoding: try #require(site.contents(of: "droits/sante/index.html")), as: UTF8.self)
    #expect(
        page.contains(
            #"<a class="editeur" href="https://portail.example.be/"><img src="../../medias/sante/img/cafe.svg" alt="Équipe de test, accueil" class="logo"><span>Équipe de test</span></a>"#
        ))
    #expect(page.contains(#"<li><a href="https://portail.example.be/">Portail de la Cohésion sociale</a></li>"#))
    #expect(site.contents(of: "medias/sante/img/cafe.svg") != nil)

    try Data(withLogo.replacingOccurrences(of: "sante/img/cafe.svg", with: "logo.svg").utf8).write(to: catalogue)
    let result = try await generate(.fixture(source: source.path)).result
    #expect(
        result.diagnostics.map(\.message) == [
            "logo « logo.svg » introuvable : le chemin part du dossier de catalogue.yml"
        ])
}

/// A fiche's content, kept as bytes until the open data is written, reads back as it was.
@Test func aFichesContentReadsBackFromItsBytes() {
    let body = "Avant.\n\n## Contexte\n\nUne « rencontre » 🙂 mensuelle.\n\n## Vide\n"
    let (outline, _) = Markdown.render(body, reservedIDs: [], drop: { _ in false }, renderings: [])
    let content = FicheContent(markdown: body, outline: outline)
    #expect(content.sections.map(\.texte) == ["Avant.", "Une « rencontre » 🙂 mensuelle.", ""])
    #expect(content.sections.map(\.titre) == [nil, "Contexte", "Vide"])
    #expect(content.sections[0].markdown == "Avant.")
    #expect(content.sections[1].markdown == "## Contexte\n\nUne « rencontre » 🙂 mensuelle.")
    #expect(FicheContent(bytes: content.bytes) == content)
    #expect(FicheContent(bytes: []) == FicheContent(bytes: FicheContent(bytes: []).bytes))
}
