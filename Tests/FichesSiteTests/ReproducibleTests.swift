import FichesCore
import Foundation
import Testing

@testable import FichesSite

/// Two builds of the same sources, in two folders, on two days: the same bytes.
@Test func twoBuildsInTwoFoldersOnTwoDaysAreByteIdentical() throws {
    var trees: [[String: Data]] = []
    // 2025-01-01 and 2026-01-01.
    for (folderName, epoch) in [("premier", "1735689600"), ("second-dossier", "1767225600")] {
        let project = try TemporaryFolder()
        let root = project.url.appendingPathComponent(folderName)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Paths.catalogue, toPath: root.appendingPathComponent("fiches").path)
        let outcome = try Fiches.run(["build"], in: root, environment: ["SOURCE_DATE_EPOCH": epoch])
        #expect(outcome.status == 0, "\(outcome.errors)")
        trees.append(try tree(root.appendingPathComponent("_site")))
    }
    #expect(trees[0].count > 30)
    #expect(trees[0].keys.contains(".fiches-origines.json"))
    #expect(trees[0].keys.sorted() == trees[1].keys.sorted())
    for (path, data) in trees[0] where trees[1][path] != data {
        Issue.record("\(path) differs between the two builds")
    }
}

@Test func sourceDateEpochIsTheDayFichesAreCheckedAgainst() throws {
    #expect(ISODate.today(environment: ["SOURCE_DATE_EPOCH": "1710201600"]).description == "2024-03-12")
    #expect(ISODate.today(environment: ["SOURCE_DATE_EPOCH": "1710201599"]).description == "2024-03-11")
    // On 2024-03-11, a fiche updated on 2024-03-12 is in the future.
    let project = try TemporaryFolder()
    try FileManager.default.copyItem(atPath: Paths.catalogue, toPath: project.url.appendingPathComponent("fiches").path)
    let outcome = try Fiches.run(["check"], in: project.url, environment: ["SOURCE_DATE_EPOCH": "1710201599"])
    #expect(outcome.status == 1)
    #expect(
        outcome.errors.contains(
            "alzheimer-cafe.md:19:14: erreur: la date de mise à jour « 2024-03-12 » est dans le futur"))
}
