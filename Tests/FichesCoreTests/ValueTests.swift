import Foundation
import Testing

@testable import FichesCore

@Test(arguments: [
    ("065 12 34 56", "065 12 34 56", "+3265123456"),
    ("+32 65 12 34 56", "065 12 34 56", "+3265123456"),
    ("0032 (0)2 123.45.67", "02 123 45 67", "+3221234567"),
    ("04/223 45 67", "04 223 45 67", "+3242234567"),
    ("+32 4 999 92 19", "04 999 92 19", "+3249999219"),
    ("0470 12 34 56", "0470 12 34 56", "+32470123456"),
    ("+32 470 12 34 56", "0470 12 34 56", "+32470123456"),
    ("0800 12 345", "0800 12 345", "+3280012345"),
])
func belgianNumbersAreGroupedAndLinkedInE164(input: String, display: String, e164: String) throws {
    let number = try #require(PhoneNumber(input))
    #expect(number.display == display)
    #expect(number.e164 == e164)
}

@Test(arguments: ["12 34 56", "065 12 34", "+33 1 23 45 67 89", "0470 12 34", "0065 12 34 56", "téléphone"])
func numbersThatAreNotBelgianAreRefused(input: String) {
    #expect(PhoneNumber(input) == nil)
}

@Test func emailAddressesAreCheckedForSyntax() {
    for valid in ["accueil@csic.be", "dominique.david@ville.mons.be", "a+b@x-y.example.org"] {
        #expect(EmailAddress(valid) != nil, "\(valid)")
    }
    for invalid in ["accueil@csic", "@csic.be", "a@@b.be", "a..b@c.be", "a b@c.be", "a@-c.be", ".a@c.be"] {
        #expect(EmailAddress(invalid) == nil, "\(invalid)")
    }
}

@Test func webAddressesMustBeAbsoluteHTTP() {
    #expect(WebURL("https://www.secos-cisp.be/") != nil)
    #expect(WebURL("http://cohesionsociale.wallonie.be") != nil)
    #expect(WebURL("www.secos-cisp.be") == nil)
    #expect(WebURL("ftp://x.be") == nil)
    #expect(WebURL("https://localhost") == nil)
}

@Test(arguments: [
    ("Alzheimer Café", "alzheimer-cafe"), ("Mise en œuvre", "mise-en-oeuvre"), ("Ex æquo", "ex-aequo"),
    ("Straße", "strasse"), ("Points d’attention", "points-d-attention"), ("  --Déjà vu!--  ", "deja-vu"),
    ("École de devoirs", "ecole-de-devoirs"),
])
func slugsAreTransliterated(text: String, slug: String) {
    #expect(Slug.make(from: text) == slug)
    #expect(Slug.isValid(slug))
}

@Test func slugValidityFollowsTheContract() {
    #expect(!Slug.isValid("Alzheimer-cafe"))
    #expect(!Slug.isValid("alzheimer--cafe"))
    #expect(!Slug.isValid("-cafe"))
    #expect(!Slug.isValid("café"))
    #expect(!Slug.isValid(""))
}

@Test func frenchOrderFoldsAccentsAndCase() {
    let titles = ["Repas solidaire", "école de devoirs", "Écrivain public", "Alphabétisation", "Eau", "ébène", "Zèbre"]
    #expect(
        titles.sorted { (FrenchOrder.key($0), $0) < (FrenchOrder.key($1), $1) } == [
            "Alphabétisation", "Eau", "ébène", "école de devoirs", "Écrivain public", "Repas solidaire", "Zèbre",
        ])
}

@Test func bomCRLFAndDecomposedAccentsAreNormalised() throws {
    let decomposed = "Cafe\u{301}"  // "Café" written with a combining accent (NFD)
    let data = Data([0xEF, 0xBB, 0xBF]) + Data("---\r\ntitre: \(decomposed)\r\n---\r\n".utf8)
    let text = try SourceText.decode(data).get()
    #expect(text == "---\ntitre: Café\n---\n")
    #expect(text.unicodeScalars.count == "---\ntitre: Café\n---\n".unicodeScalars.count)
}

@Test func bytesThatAreNotUTF8NameTheLineAndWindows1252() {
    var data = Data("---\ntitre: Un caf".utf8)
    data.append(0xE9)  // "é" in Windows-1252
    data.append(Data("\n---\n".utf8))
    let result = SourceText.decode(data)
    guard case .failure(let error) = result else {
        Issue.record("expected a decoding error")
        return
    }
    #expect(error.location == SourceLocation(line: 2, column: 14))
    #expect(
        error.message
            == "le fichier n'est pas encodé en UTF-8 (il semble encodé en Windows-1252 : « é ») ; enregistrez-le en UTF-8"
    )
}

@Test func datesAreReadStrictlyWithASuggestion() {
    #expect(ISODate("2024-03-12")?.description == "2024-03-12")
    #expect(ISODate("2024-3-12") == nil)
    #expect(ISODate.suggestion(for: "12/03/2024")?.description == "2024-03-12")
    #expect(ISODate.suggestion(for: "2024-3-5")?.description == "2024-03-05")
    #expect(ISODate("2024-03-01")?.french == "1er mars 2024")
}

@Test func catalogueProblemsArePlaced() {
    let text = """
        site:
          titre: T
          description: D
          url: https://example.org/sans-barre
          langue: fr-BE
          editeur: E
        droits:
          - {id: sante, libelle: Santé}
          - {id: sante, libelle: Encore}
          - {id: Logement, libelle: Logement}
        """
    let (catalogue, diagnostics) = Catalogue.read(text, file: "fiches/catalogue.yml")
    #expect(catalogue == nil)
    #expect(
        diagnostics.map(\.description) == [
            "fiches/catalogue.yml:4:8: erreur: « url » doit être une adresse absolue http(s) terminée par « / » (reçu « https://example.org/sans-barre »)",
            "fiches/catalogue.yml:9:10: erreur: identifiant « sante » répété dans « droits »",
            "fiches/catalogue.yml:10:10: erreur: identifiant invalide « Logement » ; proposez « logement »",
        ])
}

@Test func linkExclusionsAreReadWithTheirReasonAndABadPatternIsPlaced() {
    let site = """
        site:
          titre: T
          description: D
          url: https://example.org/
          langue: fr-BE
          editeur: E
        droits:
          - {id: sante, libelle: Santé}
        liens-exclus:
          - {motif: "https://www.facebook.com/*", raison: refuse les robots}
        """
    let (catalogue, diagnostics) = Catalogue.read(site, file: "fiches/catalogue.yml")
    #expect(diagnostics.isEmpty)
    #expect(catalogue?.liensExclus == [LinkExclusion(motif: "https://www.facebook.com/*", raison: "refuse les robots")])

    let bad = Catalogue.read(
        site + "\n  - {motif: www.linkedin.com, raison: idem}\n  - {motif: \"https://x.be/\"}",
        file: "fiches/catalogue.yml")
    #expect(bad.0 == nil)
    #expect(
        bad.1.map(\.description) == [
            "fiches/catalogue.yml:11:13: erreur: motif « www.linkedin.com » : il doit commencer par http:// ou https:// (« * » remplace n'importe quelle suite de caractères)",
            "fiches/catalogue.yml:12:5: erreur: clé obligatoire « raison » manquante",
        ])
}

/// The publisher's settings that are addresses: read when they are, placed when they are not.
@Test func thePublishersAddressesAreCheckedWhereTheyAreWritten() {
    let site = """
        site:
          titre: T
          description: D
          url: https://example.org/
          langue: fr-BE
          editeur: E
          portail: http://cohesionsociale.wallonie.be
          licence: {titre: CC BY 4.0, url: "https://creativecommons.org/licenses/by/4.0/"}
        droits:
          - {id: sante, libelle: Santé}
        accessibilite: {date: 2026-11-29, contact: "mailto:a11y@pcs-essai.be"}
        """
    let (catalogue, diagnostics) = Catalogue.read(site, file: "catalogue.yml")
    #expect(diagnostics.isEmpty)
    #expect(catalogue?.site.portail == "http://cohesionsociale.wallonie.be")
    #expect(catalogue?.site.licence?.url == "https://creativecommons.org/licenses/by/4.0/")
    #expect(catalogue?.accessibilite?.contact == "mailto:a11y@pcs-essai.be")

    let bad = site.replacingOccurrences(of: "portail: http://", with: "portail: ")
        .replacingOccurrences(of: "mailto:a11y@pcs-essai.be", with: "mailto:a11y")
    #expect(
        Catalogue.read(bad, file: "catalogue.yml").1.map(\.description) == [
            "catalogue.yml:7:12: erreur: « portail » doit être une adresse « http(s)://… » (reçu « cohesionsociale.wallonie.be »)",
            "catalogue.yml:11:44: erreur: « contact » doit être une adresse « mailto:nom@domaine.be » ou « http(s)://… » (reçu « mailto:a11y »)",
        ])
}

@Test(arguments: [
    ("https://www.facebook.com/*", "https://www.facebook.com/pcs.mons", true),
    ("https://www.facebook.com/*", "https://facebook.com/pcs.mons", false),
    ("https://*.linkedin.com/*", "https://be.linkedin.com/in/x", true),
    ("https://*.linkedin.com/*", "https://linkedin.com/in/x", false),
    ("https://exemple.be/", "https://exemple.be/", true),
    ("https://exemple.be/", "https://exemple.be/page", false),
    ("https://*/pdf/*.pdf", "https://a.be/pdf/guide.pdf", true),
    ("https://*/pdf/*.pdf", "https://a.be/pdf/guide.html", false),
])
func linkExclusionPatterns(pattern: String, url: String, matches: Bool) {
    #expect(LinkExclusion(motif: pattern, raison: "test").matches(url) == matches)
}

/// The origins are written directly, each fiche's path once: they read back as they were.
@Test func linkOriginsReadBackAsTheyWereWritten() throws {
    let origins = LinkOrigins([
        "guide/sante/2/index.html": [
            LinkOrigin(link: "../../../fiches/a/#x", file: "sante/a.md", location: SourceLocation(line: 3, column: 7))
        ],
        "fiches/é-\"q\"/index.html": [
            LinkOrigin(link: "mailto:a@b.be", file: "sante/é.md", location: SourceLocation(line: 1, column: 1)),
            LinkOrigin(
                link: "https://x.be/<>&\\\n", file: "sante/é.md", location: SourceLocation(line: 12, column: 40)),
            LinkOrigin(link: "../a/", file: "sante/a.md", location: SourceLocation(line: 9, column: 2)),
        ],
        "contacts/index.html": [],
    ])
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("origines-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let data = origins.encoded()
    try data.write(to: folder.appendingPathComponent(LinkOrigins.fileName))
    #expect(LinkOrigins.read(site: folder.path) == origins)
    // Valid JSON, and each path written once.
    #expect(
        (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["fichiers"] as? [String] == [
            "sante/a.md", "sante/é.md",
        ])
    try LinkOrigins([:]).encoded().write(to: folder.appendingPathComponent(LinkOrigins.fileName))
    #expect(LinkOrigins.read(site: folder.path) == LinkOrigins([:]))
}

/// The quick NFC test reads UTF-8 bytes: for every character of the planes editors type
/// in, it says yes exactly where the plain test on Unicode scalars does, and a yes is never wrong.
@Test func theQuickNFCTestOnBytesIsThePlainTestOnScalars() {
    func plain(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { $0.value < 0x300 || ($0.value >= 0x2002 && $0.value < 0x2070) }
    }
    var mismatches: [String] = []
    for value in 0x20..<0x3100 {
        guard let scalar = Unicode.Scalar(value) else { continue }
        let text = "a\(scalar)é\u{202F}z"
        if SourceText.isNFC(text) != plain(text) { mismatches.append(String(format: "U+%04X", value)) }
        if SourceText.isNFC(text) { #expect(text == text.precomposedStringWithCanonicalMapping) }
    }
    #expect(mismatches.isEmpty, "\(mismatches.prefix(20))")
    #expect(!SourceText.isNFC("Cafe\u{301}"))
    #expect(SourceText.isNFC("« Œuvre » — fin…"))
}

/// An ASCII address is checked on its bytes: the verdict must be the check on characters', for
/// addresses made of every ASCII character in each place.
@Test func anEmailAddressCheckedOnBytesIsCheckedAsOnCharacters() {
    var samples = [
        "a@b.be", "laurence.caps@wavre.be", "a.b@c", "@b.be", "a@", "a@@b.be", "a..b@c.be", ".a@c.be", "a.@c.be",
        "a@-b.be", "a@b-.be", "a@b.c", "a@b.b3", "a@b..be", "x@" + String(repeating: "a", count: 64) + ".be",
        String(repeating: "a", count: 65) + "@b.be", "a@" + String(repeating: "b.", count: 130) + "be",
    ]
    for value in 0..<128 {
        let character = String(Character(Unicode.Scalar(UInt8(value))))
        samples += ["a\(character)b@c.be", "ab@c\(character)d.be", "ab@cd.b\(character)e", "\(character)@c.be"]
    }
    for sample in samples {
        #expect(EmailAddress.isValid(sample) == EmailAddress.isValidByCharacters(sample), "\(sample.debugDescription)")
    }
    #expect(EmailAddress("laurence.caps@wavre.be") != nil)
    #expect(EmailAddress("elodie@école.be") != nil)
    #expect(EmailAddress("élodie@ecole.be") == nil)
}

/// French typography, on a table of cases: `_` stands for U+00A0 and `=` for
/// U+202F in the expected texts.
@Test(arguments: [
    ("« Un café »", "«_Un café_»"),
    ("Contexte : une rencontre", "Contexte_: une rencontre"),
    ("Vraiment ? Oui ! Et ensuite ; enfin", "Vraiment=? Oui=! Et ensuite=; enfin"),
    ("100 000 habitants et 2 500 euros", "100=000 habitants et 2=500 euros"),
    ("le 22 novembre 2026 et le 1er mai", "le 22_novembre 2026 et le 1er_mai"),
    ("« la « donnerie » alimentaire »", "«_la “donnerie” alimentaire_»"),
    ("https://example.be:8080/a?b=1", "https://example.be:8080/a?b=1"),
    ("10:30, 065 12 34 56, 2003 et 7000 Mons", "10:30, 065 12 34 56, 2003 et 7000 Mons"),
    ("Le dernier mai fut doux", "Le dernier mai fut doux"),
    ("déjà typographié :", "déjà typographié_:"),
    // A text between two others: after bold text, inside « » around an interpolated title.
    (" : un client paie deux cafés", "_: un client paie deux cafés"),
    (" ? Oui", "=? Oui"),
    ("Voir la fiche « ", "Voir la fiche «_"),
    (" »", "_»"),
    (" fin", " fin"),
    ("le 1er avril", "le 1er_avril"),
])
func frenchTypographyKeepsWhatMustStayTogether(input: String, expected: String) {
    let marked = Typography.french(input).replacingOccurrences(of: "\u{A0}", with: "_")
        .replacingOccurrences(of: "\u{202F}", with: "=")
    #expect(marked == expected)
}
