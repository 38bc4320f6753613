import FichesCore
import Foundation
import Testing

@testable import FichesSite

/// The preview rebuilds with a cache of the fiches already read and writes only
/// what changed: after any edit, the result must be the full build's.
@Test func aRebuildWithTheCacheIsTheFullBuildAfterEachKindOfEdit() async throws {
    let project = try TemporaryFolder()
    let source = project.url.appendingPathComponent("fiches")
    try FileManager.default.copyItem(atPath: Paths.catalogue, toPath: source.path)
    let templates = project.url.appendingPathComponent("site-template")
    try FileManager.default.copyItem(atPath: Paths.templates, toPath: templates.path)
    var options = BuildOptions.fixture(source: source.path)
    options.templates = templates.path
    let cache = FicheCache()
    let mirror = FolderMirror(root: project.url.appendingPathComponent("apercu"))
    try FileManager.default.createDirectory(at: mirror.root, withIntermediateDirectories: true)

    func edit(_ path: String, _ old: String, _ new: String, in folder: URL? = nil) throws {
        let file = (folder ?? source).appendingPathComponent(path)
        let text = try String(contentsOf: file, encoding: .utf8)
        try #require(text.contains(old))
        try Data(text.replacingOccurrences(of: old, with: new).utf8).write(to: file)
    }
    func expectFullBuild(_ step: String) async throws {
        let (cachedResult, fullResult) = (
            try await SiteBuilder.generate(options, cache: cache), try await SiteBuilder.generate(options)
        )
        #expect(cachedResult.diagnostics == fullResult.diagnostics, "\(step)")
        let cached = try #require(cachedResult.site, "\(step)")
        let full = try #require(fullResult.site, "\(step)")
        #expect(cached.files == full.files, "\(step)")
        try mirror.sync(cached)
        let written = try tree(mirror.root)
        var expected = [SiteManifest.fileName: try full.manifest.encoded()]
        for path in full.paths { expected[path] = try full.contents(of: path) }
        #expect(written == expected, "\(step)")
    }

    try await expectFullBuild("first build")
    try edit("sante/alzheimer-cafe.md", "titre: Créer un Alzheimer café", "titre: Un Alzheimer café")
    try await expectFullBuild("a title")
    try edit("catalogue.yml", "Droit à la santé", "Droit à la protection de la santé")
    try await expectFullBuild("a right's label in the catalogue")
    // A fiche with an initiator the catalogue lacks, then the catalogue gains it.
    try edit("sante/alzheimer-cafe.md", "porteurs: [pcs]", "porteurs: [pcs, commune]")
    #expect(try await SiteBuilder.generate(options, cache: cache).diagnostics.hasErrors)
    try edit("catalogue.yml", "  - {id: pcs,", "  - {id: commune, libelle: Commune}\n  - {id: pcs,")
    try await expectFullBuild("an initiator added to the catalogue")
    try edit("fiche.mustache", "{{#fiche}}", "{{#fiche}}<p>Fiche modifiée</p>", in: templates)
    try await expectFullBuild("the fiche template")
    try FileManager.default.removeItem(at: source.appendingPathComponent("alimentation/ecrivain-public.md"))
    try await expectFullBuild("a fiche removed")
    try FileManager.default.copyItem(
        at: source.appendingPathComponent("alimentation/colis-alimentaires.md"),
        to: source.appendingPathComponent("alimentation/colis-solidaires.md"))
    try edit("alimentation/colis-solidaires.md", "titre:", "titre: Bis")
    try await expectFullBuild("a fiche added")
}
