import FichesCore
import Foundation
import Testing

@testable import FichesSite

/// A copy of the fixture catalogue to create fiches in.
private func catalogueCopy() throws -> (TemporaryFolder, String) {
    let folder = try TemporaryFolder()
    let source = folder.url.appendingPathComponent("fiches").path
    try FileManager.default.copyItem(atPath: Paths.catalogue, toPath: source)
    return (folder, source)
}

private func request(_ titre: String, droit: String = "sante", in source: String) -> Scaffold.Request {
    var request = Scaffold.Request(titre: titre, droit: droit, province: "hainaut")
    request.source = source
    request.today = ISODate(year: 2025, month: 6, day: 30)!
    return request
}

@Test func aNewFicheIsADraftThatPassesCheckWithItsTitleAsWritten() async throws {
    let (folder, source) = try catalogueCopy()
    _ = folder
    let title = "Un café : pour les \"aidants\" & leurs proches"
    let path = try Scaffold.create(request(title, in: source))
    #expect(path == "\(source)/sante/un-cafe-pour-les-aidants-leurs-proches.md")

    var options = BuildOptions.fixture(source: source)
    options.drafts = true
    let result = try await generate(options)
    #expect(result.diagnostics.filter { $0.file == path }.map(\.description) == [])
    let page = try #require(result.site?.contents(of: "fiches/un-cafe-pour-les-aidants-leurs-proches/index.html"))
    #expect(
        String(decoding: page, as: UTF8.self).contains(
            "<h1>Un café : pour les &quot;aidants&quot; &amp; leurs proches</h1>"))
    let text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(text.contains("\nstatut: brouillon\n"))
    #expect(text.contains("\nmise-a-jour: 2025-06-30\n"))
    #expect(text.contains("\nterritoire:\n  province: hainaut\n"))
    // Without --drafts, nothing of it is published.
    let published = try await generate(.fixture(source: source))
    #expect(published.site?.paths.contains { $0.contains("aidants") } == false)
}

@Test func aNewFicheNeverReplacesAFileNorTakesANameAlreadyUsed() throws {
    let (folder, source) = try catalogueCopy()
    _ = folder
    let first = try Scaffold.create(request("Un café pour tous", in: source))
    let before = try Data(contentsOf: URL(fileURLWithPath: first))
    #expect(throws: BuildError("la fiche \(first) existe déjà : rien n'a été écrit")) {
        try Scaffold.create(request("Un café pour tous", in: source))
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: first)) == before)
    #expect(
        throws: BuildError(
            "une fiche porte déjà le nom « maison-medicale » : \(source)/sante/maison-medicale.md ; choisissez un autre titre"
        )
    ) {
        try Scaffold.create(request("Maison médicale", droit: "alimentation", in: source))
    }
}

@Test func anUnknownRightIsRefusedWithTheValidOnes() throws {
    let (folder, source) = try catalogueCopy()
    _ = folder
    #expect(
        throws: Scaffold.Refusal(
            message:
                "droit inconnu « Santé » ; vouliez-vous dire « sante » ? Valeurs possibles pour --droit : sante, alimentation, logement"
        )
    ) { try Scaffold.create(request("Un café pour tous", droit: "Santé", in: source)) }
    #expect(throws: Scaffold.Refusal(message: "le titre doit tenir sur une ligne et compter de 5 à 200 caractères")) {
        try Scaffold.create(request("Café", in: source))
    }
    #expect(
        try FileManager.default.contentsOfDirectory(atPath: "\(source)/sante").sorted() == [
            "alzheimer-cafe.md", "img", "maison-medicale.md",
        ])
}
