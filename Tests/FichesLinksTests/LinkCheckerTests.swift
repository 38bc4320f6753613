import FichesCore
import Foundation
import Testing

@testable import FichesLinks

/// The fixture site under `Fixtures/site` has one link of every kind, good and bad.
enum Fixture {
    static let site = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/site").path
    static let url = "https://example.org/bonnes-pratiques/"

    /// The line of `page` that contains `text`, so expectations name the link, not a number.
    static func line(of text: String, in page: String) throws -> Int {
        let contents = try String(contentsOfFile: "\(site)/\(page)", encoding: .utf8)
        let lines = contents.split(separator: "\n", omittingEmptySubsequences: false)
        return try #require(lines.firstIndex { $0.contains(text) }) + 1
    }

    static func scan() async throws -> LinkScan {
        try await LinkChecker(siteURL: url).check(folder: site)
    }
}

@Test func everyProblemOfTheFixtureSiteIsFoundAtItsLineAndNothingElse() async throws {
    let report = try await Fixture.scan().report
    func place(_ text: String, _ page: String = "index.html") throws -> String {
        "\(page):\(try Fixture.line(of: text, in: page))"
    }
    let found = report.findings.map { finding in
        "\(finding.severity.rawValue) \(finding.kind.rawValue) \(finding.target) @ "
            + finding.occurrences.map { "\($0.page):\($0.line)" }.joined(separator: ",")
    }
    let expected = [
        "erreur lien-casse assets/absent.js @ \(try place("assets/absent.js"))",
        "erreur lien-casse fiches/absente/ @ \(try place("page absente"))",
        "erreur ancre-introuvable fiches/equipe/index.html#inconnue @ \(try place("ancre absente<"))",
        "erreur hors-du-site /ailleurs/ @ \(try place("hors de la base"))",
        "erreur hors-du-site ../../hors/ @ \(try place("au-dessus du site"))",
        "erreur lien-casse manquant.html @ \(try place("absolu interne cassé"))",
        "erreur courriel-invalide mailto:pas-une-adresse @ \(try place("courriel invalide"))",
        "erreur telephone-invalide tel:065123456 @ \(try place("téléphone national"))",
        "erreur lien-casse medias/photo-2x.png @ \(try place("photo-2x.png"))",
        "erreur lien-casse medias/absente.webp @ \(try place("absente.webp"))",
        "erreur lien-casse fiches/equipe/carte.html @ \(try place("carte.html"))",
        "erreur lien-casse fiches/absente.html @ \(try place("fiches/absente.html"))",
        // `<base href="../../">` sends a bare fragment to the home page, which has no such id.
        "erreur ancre-introuvable index.html#équipe @ \(try place("ancre absente de l'accueil", "fiches/equipe/index.html"))",
        "avertissement redirection fiches/equipe @ \(try place("dossier sans barre"))",
    ]
    #expect(found.sorted() == expected.sorted())
    #expect(report.pages == 3)
    #expect(report.externalAddresses == 1)
    #expect(report.ignored == 1)
}

@Test func externalLinksAreCollectedWithTheirFragment() async throws {
    // The anchor is looked for in the page: the checker groups the fragments of one address.
    let scan = try await Fixture.scan()
    #expect(scan.external.keys.sorted() == ["https://autre.example/page#x"])
    #expect(
        scan.external["https://autre.example/page#x"]?.first?.line
            == (try Fixture.line(of: ">externe<", in: "index.html")))
}

@Test func problemsWrittenInAFicheAreReportedAtTheFicheAndThePage() async throws {
    var report = try await Fixture.scan().report
    report.attach(LinkOrigins.read(site: Fixture.site))
    let text = report.text(paths: ReportPaths(site: "_site", source: "fiches"))
    let missingPage = try Fixture.line(of: "page absente", in: "index.html")
    #expect(
        text.contains(
            "fiches/sante/exemple.md:12:5: erreur: lien cassé « fiches/absente/ » : « fiches/absente/index.html » "
                + "n'existe pas dans le site (_site/index.html:\(missingPage))"))
    #expect(text.contains { $0.hasPrefix("fiches/sante/exemple.md:7:12: erreur: courriel invalide") })
    // A template's link has no fiche behind it: it is reported at the page alone.
    let script = try Fixture.line(of: "absent.js", in: "index.html")
    #expect(
        text.contains(
            "_site/index.html:\(script): erreur: lien cassé « assets/absent.js » : « assets/absent.js » n'existe pas dans le site"
        ))
}

@Test func aSiteInMemoryIsCheckedLikeTheSameSiteOnDisk() async throws {
    let files = try LinkChecker.files(in: Fixture.site)
    let pages = try files.filter { $0.hasSuffix(".html") }.map {
        ($0, try Data(contentsOf: URL(fileURLWithPath: "\(Fixture.site)/\($0)")))
    }
    let memory = await LinkChecker(siteURL: Fixture.url).check(pages: pages, paths: files).report
    let disk = try await Fixture.scan().report
    #expect(memory.findings == disk.findings)
    #expect(memory.links == disk.links)
}

@Test func lineNumbersStayRightPast65535Lines() async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fiches-links-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let filler = String(repeating: "<p>ligne</p>\n", count: 70_000)
    try Data("<!doctype html>\n<body>\n\(filler)<a href=\"absente.html\">x</a>\n</body>\n".utf8)
        .write(to: folder.appendingPathComponent("index.html"))
    let report = try await LinkChecker(siteURL: Fixture.url).check(folder: folder.path).report
    #expect(
        report.findings.map(\.occurrences) == [[LinkOccurrence(page: "index.html", line: 70_003, link: "absente.html")]]
    )
}

@Test(arguments: [false, true])
func anUnknownExternalLinkFailsTheRunOnlyUnderStrict(strict: Bool) async throws {
    var scan = try await Fixture.scan()
    let internalErrors = scan.report.errorCount
    let url = "https://autre.example/page"
    scan.report.add(
        [url: ExternalResult(outcome: .unknown, status: 403, reason: "HTTP 403 (accès refusé au vérificateur)")],
        excluded: [], occurrences: scan.external, strict: strict)
    let finding = try #require(scan.report.findings.first { $0.target == url })
    #expect(finding.kind == .externalUnknown)
    #expect(finding.severity == (strict ? .error : .warning))
    #expect(scan.report.errorCount == internalErrors + (strict ? 1 : 0))
    #expect(scan.report.external == LinkReport.ExternalCounts(unknown: 1))
}
