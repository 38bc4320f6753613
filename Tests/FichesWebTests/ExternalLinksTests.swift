import FichesCore
import FichesLinks
import FichesSite
import Foundation
import Testing

@testable import FichesWeb

/// A catalogue whose fiche links to a loopback server, built with the project's templates.
private func siteLinkingTo(_ server: LoopbackServer, in folder: URL) async throws -> (source: String, site: String) {
    let source = folder.appendingPathComponent("fiches")
    try FileManager.default.createDirectory(
        at: source.appendingPathComponent("sante"), withIntermediateDirectories: true)
    try Data(
        """
        site:
          titre: Test
          description: Test.
          url: https://example.org/bonnes-pratiques/
          langue: fr-BE
          editeur: Test
        droits:
          - {id: sante, libelle: Droit à la santé}
        liens-exclus:
          - {motif: "\(server.url("/exclue"))*", raison: refuse les robots}
          - {motif: "http://cohesionsociale.wallonie.be*", raison: "le lien des gabarits ; pas de réseau en test"}
          - {motif: "https://github.com/*", raison: "le crédit de la carte ; pas de réseau en test"}
          - {motif: "https://creativecommons.org/*", raison: "la licence de la carte ; pas de réseau en test"}
          - {motif: "https://www.le-mediateur.be*", raison: "le recours de la page d'accessibilité ; pas de réseau en test"}
        """.utf8
    ).write(to: source.appendingPathComponent("catalogue.yml"))
    try Data(
        """
        ---
        titre: Une fiche de test
        resume: Un résumé.
        droits: [sante]
        contacts:
          - organisation: Test
            site: \(server.url("/absente"))
        liens:
          - {titre: Valide, url: "\(server.url("/valide"))"}
          - {titre: Déménagée, url: "\(server.url("/ancienne"))"}
          - {titre: Exclue, url: "\(server.url("/exclue/page"))"}
        mise-a-jour: 2024-01-01
        ---

        Le corps.
        """.utf8
    ).write(to: source.appendingPathComponent("sante/test.md"))
    var options = BuildOptions()
    options.source = source.path
    options.templates =
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("site-template").path
    options.output = folder.appendingPathComponent("site").path
    let result = try await SiteBuilder.build(options)
    #expect(!result.diagnostics.hasErrors, "\(result.diagnostics)")
    return (source.path, options.output)
}

@Test func aBrokenExternalLinkIsReportedAtTheFicheLineAndExclusionsAndTheCacheSpareTheNetwork() async throws {
    let server = try await LoopbackServer(routes: [
        "/absente": { _, _ in .status(404) }, "/valide": { _, _ in .status(200) },
        "/exclue/page": { _, _ in .status(200) },
        "/ancienne": { _, _ in .status(301, headers: [("Location", "/valide")]) },
    ])
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fiches-web-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let (source, site) = try await siteLinkingTo(server, in: folder)
    let catalogue = try #require(try SiteBuilder.catalogue(source: source).0)
    var cache = ResultCache(folder: folder.appendingPathComponent("cache").path, maxAge: 7 * 86_400)

    func run() async throws -> LinkReport {
        var scan = try await LinkChecker(siteURL: "https://example.org/bonnes-pratiques/").check(folder: site)
        await scan.checkExternal(
            exclusions: catalogue.liensExclus, cache: &cache, options: quickOptions(), strict: false)
        scan.report.attach(LinkOrigins.read(site: site))
        return scan.report
    }

    let first = try await run()
    let lines = first.text(paths: ReportPaths(site: "_site", source: "fiches"))
    #expect(lines.count == 1, "\(lines)")
    #expect(
        lines.first?.hasPrefix(
            "fiches/sante/test.md:7:11: erreur: lien externe cassé « \(server.url("/absente")) » : HTTP 404 (page introuvable) (_site/"
        ) == true, "\(lines)")
    #expect(first.external == LinkReport.ExternalCounts(valid: 2, broken: 1, unknown: 0, excluded: 4, cached: 0))
    #expect(
        first.redirects.map { "\($0.url) → \($0.finalURL)" } == [
            "\(server.url("/ancienne")) → \(server.url("/valide"))"
        ])

    let second = try await run()
    #expect(second.external == LinkReport.ExternalCounts(valid: 2, broken: 1, unknown: 0, excluded: 4, cached: 2))
    let asked = server.requests.map(\.path)
    #expect(!asked.contains("/exclue/page"))
    #expect(asked.filter { $0 == "/valide" }.count == 2)  // once itself, once after /ancienne; then the cache
    #expect(asked.filter { $0 == "/ancienne" }.count == 1)
    #expect(asked.filter { $0 == "/absente" }.count == 4)  // HEAD then GET, in each run
    await server.close()
}
