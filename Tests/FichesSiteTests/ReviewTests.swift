import FichesCore
import Foundation
import Testing

@testable import FichesSite
@testable import fiches

@Test func fichesDueForReviewAreListedOldestFirstWithTheirContacts() async throws {
    var options = BuildOptions.fixture()
    options.today = ISODate(year: 2026, month: 3, day: 15)!
    let (result, due, months) = try await SiteBuilder.review(options)
    #expect(!result.diagnostics.hasErrors)
    #expect(months == 24)
    let catalogue = Paths.catalogue
    #expect(
        ReviewReport.text(due, months: months, complete: true) == """
            3 fiches à revoir (mises à jour il y a plus de 24 mois), de la plus ancienne à la plus récente :

            \(catalogue)/alimentation/ecrivain-public.md : « Écrivain public et repas solidaire », mise à jour le 30 novembre 2023 (il y a 27 mois)
              asbl Exemple – 081 22 33 44

            \(catalogue)/alimentation/colis-alimentaires.md : « Distribuer des colis alimentaires », mise à jour le 15 janvier 2024 (il y a 26 mois)
              asbl Exemple – https://www.example.be

            \(catalogue)/sante/alzheimer-cafe.md : « Créer un Alzheimer café », mise à jour le 12 mars 2024 (il y a 24 mois)
              PCS de Wavre – Laurence Caps, Cheffe de projet – laurence.caps@wavre.be – 010 23 45 67
            """)
    let json = try #require(
        try JSONSerialization.jsonObject(with: Data(ReviewReport.json(due, months: months).utf8)) as? [String: Any])
    let entries = try #require(json["a-revoir"] as? [[String: Any]])
    #expect(entries.map { $0["mise-a-jour"] as? String } == ["2023-11-30", "2024-01-15", "2024-03-12"])
    #expect(json["revision-mois"] as? Int == 24)

    options.today = ISODate(year: 2025, month: 6, day: 30)!
    #expect(try await SiteBuilder.review(options).1.isEmpty)
}
