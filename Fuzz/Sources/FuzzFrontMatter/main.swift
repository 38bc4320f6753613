import FichesCore
import Foundation
import FuzzDriver

/// Front matter split, YAML decoding and validation of one fiche, against a small catalogue.
enum Fixture {
    static let catalogue = Catalogue.read(
        """
        site: {titre: Test, description: Test., url: "https://example.org/", langue: fr-BE, editeur: Test}
        droits:
          - {id: sante, libelle: Droit à la santé}
          - {id: logement, libelle: Droit au logement}
        porteurs: [{id: pcs, libelle: PCS}]
        provinces: [{id: namur, libelle: Namur}]
        """, file: "catalogue.yml"
    ).0!
    static let today = ISODate(year: 2025, month: 1, day: 1)!
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    guard case .success(let text) = SourceText.decode(Data(bytes)) else { return 0 }
    _ = Fiche.read(text, slug: "fiche", file: "fiche.md", catalogue: Fixture.catalogue, today: Fixture.today)
    return 0
}

runLibFuzzer { data, size in data.map { fuzz($0, size) } ?? 0 }
