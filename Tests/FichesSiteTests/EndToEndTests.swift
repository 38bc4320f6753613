import FichesCore
import FichesLinks
import Foundation
import SiteTemplate
import Testing

@testable import FichesSite

/// The fixture catalogue, built and compared byte for byte with the golden tree.
/// Re-record with `FICHES_RECORD=1 swift test --filter EndToEnd`.
@Test func theFixtureCatalogueBuildsToTheGoldenTree() async throws {
    let output = try TemporaryFolder()
    let result = try await SiteBuilder.build(.fixture(output: output.url.appendingPathComponent("site").path))
    #expect(
        result.diagnostics.map(\.description) == [
            "\(Paths.catalogue)/sante/alzheimer-cafe.md:34:1: avertissement: le HTML n'est pas publié : « <em> » est ignoré ; utilisez la syntaxe Markdown",
            "\(Paths.catalogue)/sante/alzheimer-cafe.md:34:30: avertissement: le HTML n'est pas publié : « </em> » est ignoré ; utilisez la syntaxe Markdown",
        ])
    let built = try tree(output.url.appendingPathComponent("site"))
    if ProcessInfo.processInfo.environment["FICHES_RECORD"] != nil {
        try? FileManager.default.removeItem(at: Paths.golden)
        for (path, data) in built {
            let file = Paths.golden.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: file)
        }
    }
    let golden = try tree(Paths.golden)
    #expect(built.keys.sorted() == golden.keys.sorted())
    for (path, data) in built where golden[path] != data {
        Issue.record("\(path) differs from the golden file; re-record with FICHES_RECORD=1 if the change is wanted")
    }
}

@Test func draftsAndNonFicheFilesAreLeftOut() async throws {
    let site = try #require(try await generate(.fixture()).site)
    #expect(
        site.paths.filter { $0.hasPrefix("fiches/") && $0.hasSuffix(".html") } == [
            "fiches/alzheimer-cafe/index.html", "fiches/ecrivain-public/index.html",
            "fiches/maison-medicale/index.html",
        ])
    // Each contact of a published fiche has its vCard, and only those.
    #expect(
        site.paths.filter { $0.hasSuffix(".vcf") } == [
            "fiches/alzheimer-cafe/contact-1.vcf", "fiches/ecrivain-public/contact-1.vcf",
            "fiches/maison-medicale/contact-1.vcf", "fiches/maison-medicale/contact-2.vcf",
        ])
    var options = BuildOptions.fixture()
    options.drafts = true
    let withDrafts = try #require(try await generate(options).site)
    #expect(withDrafts.paths.contains("fiches/colis-alimentaires/index.html"))
}

@Test func everyInternalLinkOfTheBuiltSiteResolves() async throws {
    let output = try TemporaryFolder()
    let folder = output.url.appendingPathComponent("site").path
    _ = try await SiteBuilder.build(.fixture(output: folder))
    let report = try await LinkChecker(siteURL: "https://example.org/bonnes-pratiques/").check(folder: folder).report
    #expect(report.findings.map(\.target) == [])
    #expect(report.links > 100)
}

@Test func theRealCatalogueBuildsCleanlyWithNoBrokenLink() async throws {
    let output = try TemporaryFolder()
    let folder = output.url.appendingPathComponent("site").path
    var options = BuildOptions.fixture(
        source: Paths.repository.appendingPathComponent("fiches").path, output: folder)
    options.today = .today()
    let result = try await SiteBuilder.build(options)
    #expect(result.diagnostics.map(\.description) == [])
    #expect(result.publishedCount == 9)
    let links = try await LinkChecker(siteURL: "https://cohesionsociale.wallonie.be/bonnes-pratiques/")
        .check(folder: folder)
    #expect(links.report.findings.map(\.target) == [])
    #expect(links.report.validInternalLinks > 300)

    // What a visit costs before any search (HTML + CSS + JS, uncompressed): the
    // home page at most 60 KB, a fiche page at most 40 KB.
    func size(_ path: String) throws -> Int {
        try FileManager.default.attributesOfItem(atPath: "\(folder)/\(path)")[.size] as! Int
    }
    let css = try size("assets/fiches.css")
    #expect(try size("index.html") + css + size("assets/recherche.js") <= 60_000)
    let fiches = try FileManager.default.contentsOfDirectory(atPath: "\(folder)/fiches")
    #expect(fiches.count == 9)
    for fiche in fiches {
        #expect(try size("fiches/\(fiche)/index.html") + css + size("assets/fiche.js") <= 40_000, "\(fiche)")
    }

    // Every right's page says what the right covers and where it comes from; an
    // empty one says where to propose a fiche.
    let rights = try FileManager.default.contentsOfDirectory(atPath: "\(folder)/droits")
    #expect(rights.count == 15)
    var empty = 0
    for right in rights {
        let page = try String(contentsOfFile: "\(folder)/droits/\(right)/index.html", encoding: .utf8)
        #expect(page.contains("<p class=\"chapeau\">"), "\(right)")
        #expect(page.contains("<p class=\"base-legale\"><strong>Fondement\u{A0}:</strong> "), "\(right)")
        if page.contains("Aucune fiche n'est encore classée sous ce droit.") {
            empty += 1
            #expect(page.contains(", par son <a href=\"http://cohesionsociale.wallonie.be\">portail</a>."), "\(right)")
        }
    }
    #expect(empty > 0)
}

@Test func twoBuildsOfTheSameSourcesAreByteIdentical() async throws {
    let first = try TemporaryFolder()
    let second = try TemporaryFolder()
    _ = try await SiteBuilder.build(.fixture(output: first.url.appendingPathComponent("a").path))
    _ = try await SiteBuilder.build(.fixture(output: second.url.appendingPathComponent("b").path))
    let (a, b) = (try tree(first.url.appendingPathComponent("a")), try tree(second.url.appendingPathComponent("b")))
    #expect(!a.isEmpty)
    #expect(a == b)
}

@Test func theBodyIsRewrittenForEachPage() async throws {
    let site = try #require(try await generate(.fixture()).site)
    let page = String(decoding: try #require(site.contents(of: "fiches/alzheimer-cafe/index.html")), as: UTF8.self)
    #expect(page.contains("<a href=\"../maison-medicale/#equipe\">équipe de la maison médicale</a>"))
    #expect(page.contains("<a href=\"#objectifs\">nos objectifs</a>"))
    #expect(page.contains("<img src=\"../../medias/sante/img/cafe.svg\" alt=\"Une tasse de café sur une table\" />"))
    #expect(page.contains("<a href=\"tel:+3210234567\">010 23 45 67</a>"))
    #expect(!page.contains("<em>Ce HTML"))
    let guide = String(decoding: try #require(site.contents(of: "guide/index.html")), as: UTF8.self)
    #expect(guide.contains("<a href=\"#fiche-maison-medicale--equipe\">"))
    // Under the fiche's h3, its ## headings are h4.
    #expect(guide.contains("<h4 id=\"fiche-maison-medicale--equipe\">Équipe</h4>"))
    #expect(page.contains("<h2 id=\"objectifs\">"))
    #expect(guide.contains("<img src=\"../medias/sante/img/cafe.svg\""))
}

@Test func listsAreInFrenchOrderAndContactsAreGroupedByOrganisation() async throws {
    let site = try #require(try await generate(.fixture()).site)
    let contacts = String(decoding: try #require(site.contents(of: "contacts/index.html")), as: UTF8.self)
    let organisations = ["asbl Exemple", "Centre de Santé Intégrée des Carrières", "PCS de Wavre"]
    let places = organisations.map {
        contacts.range(of: "<h2 id=\"org-\(Slug.make(from: $0))-titre\">\($0)</h2>")?.lowerBound
    }
    #expect(places.allSatisfy { $0 != nil })
    #expect(places.compactMap { $0 } == places.compactMap { $0 }.sorted())
    // The same person for two fiches is one contact serving both.
    #expect(contacts.components(separatedBy: "Laurence Caps").count == 2)
    let droit = String(decoding: try #require(site.contents(of: "droits/logement/index.html")), as: UTF8.self)
    #expect(droit.contains("Aucune fiche n'est encore classée sous ce droit."))
}

/// The assets are compiled in, one by one: each file of `site-template/assets/` must be listed, with its bytes.
@Test func everyAssetOfTheTemplatesFolderIsCompiledIn() throws {
    let folder = Paths.repository.appendingPathComponent("site-template/assets")
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }.sorted()
    #expect(Assets.files.map(\.name).sorted() == files)
    for (name, bytes) in Assets.files {
        #expect(Data(bytes) == (try Data(contentsOf: folder.appendingPathComponent(name))), "\(name)")
    }
}

/// French typography is in the text of the pages, never inside a tag (an
/// attribute, an address) nor in the open data.
@Test func typographyIsInTheTextNeverInTagsOrData() throws {
    let golden = try tree(Paths.golden)
    var spaced = 0
    for (path, data) in golden {
        let text = String(decoding: data, as: UTF8.self)
        if path.hasSuffix(".json") || path.hasSuffix(".csv") || path.hasSuffix(".xml") || path.hasSuffix(".vcf") {
            #expect(!text.contains("\u{202F}"), "\(path)")
            continue
        }
        guard path.hasSuffix(".html") else { continue }
        for tag in text.matches(of: /<[^>]*>/) {
            #expect(!tag.output.contains("\u{A0}") && !tag.output.contains("\u{202F}"), "\(path): \(tag.output)")
        }
        if text.contains("\u{A0}:") { spaced += 1 }
    }
    #expect(spaced > 5)
}
