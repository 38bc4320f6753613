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
    // Nothing but the placeholders left to fill in, each a warning in a draft.
    let diagnostics = result.diagnostics.filter { $0.file == path }
    #expect(!diagnostics.isEmpty)
    #expect(
        diagnostics.allSatisfy {
            $0.severity == .warning && $0.message.hasSuffix("à remplacer avant de publier la fiche")
        })
    let page = try #require(result.site?.contents(of: "fiches/un-cafe-pour-les-aidants-leurs-proches/index.html"))
    #expect(
        String(decoding: page, as: UTF8.self).contains(
            "<h1>Un café\u{A0}: pour les &quot;aidants&quot; &amp; leurs proches</h1>"))
    let text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(text.contains("\nstatut: brouillon\n"))
    #expect(text.contains("\nmise-a-jour: 2025-06-30\n"))
    #expect(text.contains("\nterritoire:\n  province: hainaut\n"))
    // Without --drafts, nothing of it is published.
    let published = try await generate(.fixture(source: source))
    #expect(published.site?.paths.contains { $0.contains("un-cafe-pour-les-aidants") } == false)
}

/// Every value the scaffold writes for the editor to replace, comments uncommented, is
/// an error at its line once `statut: brouillon` is deleted: none can be published.
@Test func noPlaceholderOfTheScaffoldCanBePublished() async throws {
    let (folder, source) = try catalogueCopy()
    _ = folder
    var scaffold = request("Un café pour tous", in: source)
    scaffold.province = nil
    scaffold.porteur = nil
    let path = try Scaffold.create(scaffold)
    let written = try String(contentsOfFile: path, encoding: .utf8)
    // Every optional key of the scaffold, as an editor uncomments it ("# nom: Prénom Nom" → "nom: Prénom Nom").
    var lines: [String] = []
    for line in written.split(separator: "\n", omittingEmptySubsequences: false) {
        let indent = line.prefix { $0 == " " }
        let rest = line.dropFirst(indent.count)
        let key = rest.dropFirst(2).drop { $0 == " " || $0 == "-" }.prefix { $0.isLowercase || $0 == "-" }
        if rest.hasPrefix("# "), !key.isEmpty,
            rest.dropFirst(2).drop(while: { $0 == " " || $0 == "-" })
                .dropFirst(key.count).hasPrefix(":")
        {
            lines.append(String(indent) + rest.dropFirst(2))
        } else if line != "statut: brouillon" {
            lines.append(String(line))
        }
    }
    let uncommented = lines.joined(separator: "\n")
    #expect(uncommented.contains("\n    nom: Prénom Nom\n"))
    #expect(uncommented.contains("\n    telephone: À compléter, au format 065 12 34 56\n"))
    #expect(uncommented.contains("\n  communes: [À compléter]\n"))
    try uncommented.write(toFile: path, atomically: true, encoding: .utf8)

    let result = try await generate(.fixture(source: source))
    let errors = result.diagnostics.filter { $0.file == path && $0.severity == .error }
    // Each line that still holds a placeholder has its error, and nothing else is reported.
    let placeholderLines = Set(
        uncommented.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap {
            index, line -> Int? in
            let holds = ["À compléter", "Prénom Nom", "example.org"].contains {
                line.contains($0) && !line.hasPrefix("#")
            }
            return holds ? index + 1 : nil
        })
    #expect(Set(errors.map(\.location.line)) == placeholderLines)
    #expect(errors.count == result.diagnostics.filter { $0.file == path }.count)
    #expect(result.site == nil)
}

@Test func idsAreWrittenAsTheCatalogueHasThem() throws {
    let (folder, source) = try catalogueCopy()
    _ = folder
    var scaffold = request("Un café pour tous", droit: "Santé", in: source)
    scaffold.province = "Hainaut"
    let path = try Scaffold.create(scaffold)
    #expect(path == "\(source)/sante/un-cafe-pour-tous.md")
    let text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(text.contains("\ndroits: [sante]\n"))
    #expect(text.contains("\n  province: hainaut\n"))
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
                "droit inconnu « sant » ; vouliez-vous dire « sante » ? Valeurs possibles pour --droit : sante, alimentation, logement"
        )
    ) { try Scaffold.create(request("Un café pour tous", droit: "sant", in: source)) }
    var unknownProvince = request("Un café pour tous", in: source)
    unknownProvince.province = "Hainau"
    #expect(
        throws: Scaffold.Refusal(
            message:
                "province inconnue « Hainau » ; vouliez-vous dire « hainaut » ? Valeurs possibles pour --province : hainaut, namur"
        )
    ) { try Scaffold.create(unknownProvince) }
    #expect(
        throws: Scaffold.Refusal(
            message: "le titre doit tenir sur une ligne et compter de 5 à 200 caractères (il en compte 4)")
    ) {
        try Scaffold.create(request("Café", in: source))
    }
    #expect(
        try FileManager.default.contentsOfDirectory(atPath: "\(source)/sante").sorted() == [
            "alzheimer-cafe.md", "img", "maison-medicale.md",
        ])
}
