import FichesCore
import FichesLinks
import Foundation
import Testing

@testable import FichesSite

/// A catalogue past `SiteContext.largeFrom`: 205 fiches under `sante`, every third
/// also under `logement`, 130 organisations, a link from each fiche to the next
/// one's section and to its own, one date per fiche.
private func largeCatalogue() throws -> TemporaryFolder {
    let folder = try TemporaryFolder()
    var files = [
        "fiches/catalogue.yml": Minimal.catalogue + "\n  - {id: logement, libelle: Droit au logement}\n"
    ]
    for number in 0..<205 {
        let day = String(format: "2024-%02d-%02d", number % 12 + 1, number % 28 + 1)
        files["fiches/sante/fiche-\(number).md"] = """
            ---
            titre: Pratique numéro \(String(format: "%03d", number))
            resume: Le résumé de la pratique \(number).
            droits: \(number % 3 == 0 ? "[sante, logement]" : "[sante]")
            contacts:
              - {organisation: Organisation \(number % 130), email: contact\(number)@pcs-essai.be}
            mise-a-jour: \(day)
            ---

            ## Contexte

            Voir [la suivante](fiche-\((number + 1) % 205).md#contexte) et [plus haut](#contexte).
            """
    }
    try folder.write(files)
    return folder
}

private func options(_ folder: TemporaryFolder) -> BuildOptions {
    var options = BuildOptions.fixture(source: folder.url.appendingPathComponent("fiches").path)
    options.today = ISODate(year: 2025, month: 1, day: 1)!
    return options
}

@Test func aLargeCatalogueHasPaginatedListsAPartedGuideAndNoBrokenLink() async throws {
    let folder = try largeCatalogue()
    var options = options(folder)
    options.output = folder.url.appendingPathComponent("site").path
    let result = try await SiteBuilder.build(options)
    let site = BuiltSite(files: try tree(folder.url.appendingPathComponent("site")))
    #expect(result.diagnostics.map(\.description) == [])
    func text(_ path: String) throws -> String {
        String(decoding: try #require(site.contents(of: path), "\(path)"), as: UTF8.self)
    }
    func slugs(_ html: String, _ pattern: Regex<(Substring, Substring)>) -> [String] {
        html.matches(of: pattern).map { String($0.output.1) }
    }

    // The right's pages: 205 fiches, 50 a page, each fiche once, in order, with
    // links to the other pages (the current one marked).
    let rightPages = ["droits/sante/index.html"] + (2...5).map { "droits/sante/\($0)/index.html" }
    let cards = try rightPages.map {
        try slugs(text($0), /<h3 class="carte-titre"><a href="[.\/]*fiches\/(fiche-\d+)\//)
    }
    #expect(cards.map(\.count) == [50, 50, 50, 50, 5])
    #expect(Set(cards.flatMap { $0 }).count == 205)
    #expect(!site.paths.contains("droits/sante/6/index.html"))
    let second = try text("droits/sante/2/index.html")
    #expect(second.contains(#"<a href="../" rel="prev">"#))
    #expect(second.contains(#"<a href="../3/" rel="next">"#))
    #expect(second.contains(#"<a href="../2/" aria-current="page">"#))
    #expect(try !text("droits/sante/index.html").contains(#"rel="prev""#))
    // logement: its fiches are associated ones only (69 of them), on two pages.
    #expect(try slugs(text("droits/logement/index.html"), /href="[.\/]*fiches\/(fiche-\d+)\/"/).count == 50)
    #expect(try slugs(text("droits/logement/2/index.html"), /href="[.\/]*fiches\/(fiche-\d+)\/"/).count == 19)

    // The guide: a contents page, then parts of at most fifty fiches; each fiche in one part.
    let contents = try text("guide/index.html")
    #expect(contents.contains(#"<a href="sante/1/">"#) && contents.contains(#"<a href="sante/5/">"#))
    #expect(!contents.contains("guide-fiche"))
    let parts = site.paths.filter { $0.hasPrefix("guide/sante/") }
    // Search results: 205 fiches, eight to a file, in slug order.
    let resultFiles = (0..<26).map { "recherche/fiches/\($0).json" }
    #expect(site.paths.filter { $0.hasPrefix("recherche/fiches/") }.sorted() == resultFiles.sorted())
    let results = try resultFiles.flatMap {
        let data = try #require(site.contents(of: $0))
        return try #require(JSONSerialization.jsonObject(with: data) as? [[String: Any]])
    }
    #expect(results.map { $0["url"] as? String } == (0..<205).map { "fiches/fiche-\($0)/" }.sorted().map(Optional.some))
    #expect(parts == (1...5).map { "guide/sante/\($0)/index.html" })
    let inParts = try parts.map { try slugs(text($0), /<article class="fiche guide-fiche" id="fiche-(fiche-\d+)"/) }
    #expect(inParts.map(\.count) == [50, 50, 50, 50, 5])
    #expect(Set(inParts.flatMap { $0 }).count == 205)
    // Links to another fiche go to its page; a link within the fiche stays in the part.
    #expect(try text("guide/sante/1/index.html").contains(#"href="../../../fiches/fiche-1/#contexte""#))
    #expect(try text("guide/sante/1/index.html").contains(##"href="#fiche-fiche-0--contexte""##))

    // Contacts: 130 organisations, 100 a page.
    #expect(site.paths.contains("contacts/index.html") && site.paths.contains("contacts/2/index.html"))
    #expect(try text("contacts/2/index.html").contains(#"rel="prev""#))

    // The feed: the fifty latest fiches only, newest first.
    let atom = try text("atom.xml")
    let updated = atom.matches(
        of: /<entry>\n<id>[^<]+<\/id>\n<title>[^<]+<\/title>\n<link[^>]+\/>\n<updated>([0-9-]+)T/
    )
    .map { String($0.output.1) }
    #expect(updated.count == Feeds.atomLimit)
    #expect(updated == updated.sorted(by: >))
    #expect(updated.last! == "2024-10-02")

    // Every page of every list in the sitemap.
    let sitemap = try text("sitemap.xml")
    for path in ["droits/sante/5/", "droits/logement/2/", "guide/sante/3/", "contacts/2/"] {
        #expect(sitemap.contains("<loc>https://example.org/\(path)</loc>"), "\(path)")
    }

    let report = try await LinkChecker(siteURL: "https://example.org/").check(folder: options.output).report
    #expect(report.findings.map(\.target) == [])
    #expect(report.validInternalLinks > 2000)
}

/// The feed's fifty fiches and the home page's six, picked in one pass, are those of sorting the whole catalogue.
@Test func theLatestFichesAreThoseOfTheWholeSort() async throws {
    let folder = try largeCatalogue()
    let site = try await SiteSources.read(options(folder)).check()
    let pages = try #require(site.plan).pages
    let bySlug = try #require(
        pages.lazy.compactMap { if case .fichesJSON(let fiches) = $0 { fiches } else { nil } }.first)
    let feed = try #require(pages.lazy.compactMap { if case .feed(let fiches) = $0 { fiches } else { nil } }.first)
    let plain = bySlug.sorted { $0.isNewer(than: $1) }
    #expect(feed.map(\.slug) == plain.prefix(50).map(\.slug))
    // Fewer fiches than asked: all of them, in order; none asked: none.
    #expect(bySlug.latest(300).map(\.slug) == plain.map(\.slug))
    #expect(bySlug.reversed().latest(6).map(\.slug) == plain.prefix(6).map(\.slug))
    #expect(bySlug.latest(0).isEmpty)
}
