import CLibXML2
import FichesCore
import FichesLinks
import Foundation
import Testing

@testable import FichesSite

/// A catalogue of `files` (path → text) beside the minimal catalogue.yml; the run's diagnostics.
private func check(_ files: [String: String]) async throws -> [String] {
    let folder = try TemporaryFolder()
    try folder.write(["fiches/catalogue.yml": Minimal.catalogue].merging(files.map { ("fiches/\($0)", $1) }) { $1 })
    var options = BuildOptions.fixture(source: folder.url.appendingPathComponent("fiches").path)
    options.today = ISODate(year: 2025, month: 1, day: 1)!
    let source = folder.url.appendingPathComponent("fiches").path
    return try await SiteBuilder.check(options).diagnostics.map {
        $0.description.replacingOccurrences(of: source + "/", with: "")
    }
}

// MARK: Bounded work

@Test(.timeLimit(.minutes(1))) func aBillionLaughsIsRefusedAtItsFirstAlias() async throws {
    let laughs = (1...9).map { level in
        "lol\(level): &lol\(level) [" + Array(repeating: "*lol\(level - 1)", count: 10).joined(separator: ", ") + "]"
    }
    let yaml = "lol0: &lol0 lol\n" + laughs.joined(separator: "\n") + "\n"
    let diagnostics = try await check(["sante/rires.md": Minimal.fiche(extra: yaml)])
    #expect(
        diagnostics == [
            "sante/rires.md:9:14: erreur: alias YAML « *… » refusé : une fiche ou le catalogue n'en a jamais besoin ; recopiez la valeur"
        ])
}

@Test(.timeLimit(.minutes(1))) func deeplyNestedYAMLIsRefusedPastTheDepthLimit() async throws {
    // Brackets: libyaml's own limit stops its scanner first.
    let brackets = "publics: " + String(repeating: "[", count: 50_000) + String(repeating: "]", count: 50_000) + "\n"
    let flow = try await check(["sante/profond.md": Minimal.fiche(extra: brackets)])
    #expect(
        flow == [
            "sante/profond.md:8:11: erreur: syntaxe YAML : imbrication trop profonde de listes ou de clés"
        ])
    // Indentation: ours, at the 21st level.
    let block =
        "territoire:\n" + (1...30).map { String(repeating: "  ", count: $0) + "n\($0):" }.joined(separator: "\n")
        + " x\n"
    let indented = try await check(["sante/profond.md": Minimal.fiche(extra: block)])
    #expect(
        indented == [
            "sante/profond.md:28:41: erreur: imbrication trop profonde : plus de 20 niveaux de listes ou de clés"
        ])
}

@Test func aFicheLargerThanTheLimitIsRefusedAndTheRestIsStillChecked() async throws {
    let big = Minimal.fiche(body: String(repeating: "Un texte de remplissage. ", count: 11_000))
    #expect(big.utf8.count > SourceFolder.maximumFicheSize)
    let diagnostics = try await check([
        "sante/enorme.md": big, "sante/voisine.md": Minimal.fiche(extra: "droits: [inconnu]\n"),
    ])
    #expect(
        diagnostics.first
            == "sante/enorme.md:1:1: erreur: fiche trop volumineuse : 268 Kio, au-delà de la limite de 256 Kio (262 144 octets) ; une image se place à côté de la fiche, pas dans son texte"
    )
    #expect(diagnostics.contains { $0.hasPrefix("sante/voisine.md:") })
}

/// cmark-gfm 0.29.0.gfm.6 is quadratic in these shapes; each is refused, or rendered
/// well within the bound (a hang detector, not a benchmark).
@Test(
    .timeLimit(.minutes(1)),
    arguments: [
        ("citations", String(repeating: ">", count: 100_000) + " a", "citation imbriquée sur 100000 niveaux"),
        ("colonnes", "|" + String(repeating: "a|", count: 30_000), "un tableau de plus de 100 colonnes est refusé"),
        ("crochets", String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000), nil),
        ("emphase", String(repeating: "*a **a ", count: 30_000), nil),
        ("courriels", String(repeating: "a@", count: 120_000), nil),
        ("ligne", String(repeating: "a", count: 250_000), nil),
        // Found while fuzzing: a column was counted from the line's start for every node.
        ("liens-sur-une-ligne", String(repeating: "[a](https://pcs-essai.be/) ", count: 9_000), nil),
        ("listes", (0..<400).map { String(repeating: "  ", count: $0) + "- a" }.joined(separator: "\n"), nil),
        ("tableau", "|a|b|\n|-|-|\n" + String(repeating: "|x|y|\n", count: 30_000), nil),
    ] as [(String, String, String?)])
func pathologicalMarkdownIsRefusedOrRenderedInBoundedTime(name: String, body: String, refusal: String?) async throws {
    let start = ContinuousClock.now
    let diagnostics = try await check(["sante/\(name).md": Minimal.fiche(body: body)])
    let elapsed = ContinuousClock.now - start
    if let refusal {
        #expect(diagnostics.count == 1 && diagnostics[0].contains(refusal), "\(diagnostics)")
    } else {
        #expect(diagnostics.allSatisfy { !$0.contains("erreur") }, "\(diagnostics.prefix(3))")
    }
    // Generous: the worst of these takes about half a second here; a quadratic case took 14 s.
    #expect(elapsed < .seconds(10), "\(name)")
}

// MARK: The file system

@Test func symbolicLinksOutsideTheSourcesOrInALoopAreRefusedAndNeverRead() async throws {
    let folder = try TemporaryFolder()
    try folder.write([
        "fiches/catalogue.yml": Minimal.catalogue,
        "fiches/sante/bonne.md": Minimal.fiche(body: "![Une image](img/secret.png)"),
        "dehors/secret.md": Minimal.fiche("Un secret hors du dossier"), "dehors/secret.png": "PNG",
    ])
    let fiches = folder.url.appendingPathComponent("fiches")
    try FileManager.default.createSymbolicLink(
        atPath: fiches.appendingPathComponent("sante/secret.md").path, withDestinationPath: "../../dehors/secret.md")
    try FileManager.default.createSymbolicLink(
        atPath: fiches.appendingPathComponent("sante/boucle").path, withDestinationPath: "..")
    try FileManager.default.createDirectory(
        at: fiches.appendingPathComponent("sante/img"), withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(
        atPath: fiches.appendingPathComponent("sante/img/secret.png").path,
        withDestinationPath: folder.url.appendingPathComponent("dehors/secret.png").path)
    let output = folder.url.appendingPathComponent("site").path
    var options = BuildOptions.fixture(source: fiches.path, output: output)
    options.today = ISODate(year: 2025, month: 1, day: 1)!
    let result = try await SiteBuilder.build(options)
    let messages = result.diagnostics.map { $0.description.replacingOccurrences(of: fiches.path + "/", with: "") }
    #expect(
        messages == [
            "sante/bonne.md:10:1: erreur: « img/secret.png » est un lien symbolique qui sort du dossier des fiches : refusé, rien n'en est copié",
            "sante/boucle:1:1: erreur: boucle de liens symboliques : ce dossier est déjà parcouru ; ignoré",
            "sante/secret.md:1:1: erreur: lien symbolique vers l'extérieur du dossier des fiches (ou cassé) : ignoré, rien n'en est lu ni publié",
        ])
    #expect(!FileManager.default.fileExists(atPath: output))
}

@Test func aFicheThatIsGoneAFolderOrTooBigIsAProblemOfThatFicheOnly() throws {
    let folder = try TemporaryFolder()
    try folder.write(["sante/grosse.md": String(repeating: "a", count: SourceFolder.maximumFicheSize + 1)])
    try FileManager.default.createDirectory(
        at: folder.url.appendingPathComponent("sante/dossier.md"), withIntermediateDirectories: true)
    let source = SourceFolder(folder.path)
    func message(_ path: String) -> String? {
        if case .failure(let problem) = source.contents(of: source.file(path)) { return problem.message }
        return nil
    }
    #expect(message("sante/disparue.md") == "fichier disparu pendant la construction (supprimé ou renommé ?)")
    #expect(message("sante/dossier.md") == "c'est un dossier, pas une fiche")
    #expect(message("sante/grosse.md")?.hasPrefix("fiche trop volumineuse : 256 Kio") == true)
}

/// Fails once `failAt` files have been written, as a full disk or a read-only folder does.
private struct FailingDisk: SiteDisk {
    let failAt: Int
    let error: POSIXError.Code
    let written = Counter()

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        func next() -> Int {
            lock.withLock {
                value += 1; return value
            }
        }
    }

    func createDirectory(at url: URL) throws { try LocalDisk().createDirectory(at: url) }

    func write(_ data: Data, to url: URL) throws {
        if written.next() >= failAt { throw POSIXError(error) }
        try LocalDisk().write(data, to: url)
    }

    func copy(_ source: String, to url: URL) throws {
        if written.next() >= failAt { throw POSIXError(error) }
        try LocalDisk().copy(source, to: url)
    }
}

@Test(arguments: [(POSIXError.Code.ENOSPC, 5), (.EACCES, 1), (.ENOSPC, 20)])
func aWriteFailureLeavesThePreviousSiteIntactAndNoTemporaryFolder(error: POSIXError.Code, failAt: Int) async throws {
    let folder = try TemporaryFolder()
    let output = folder.url.appendingPathComponent("site").path
    _ = try await SiteBuilder.build(.fixture(output: output))
    let before = try tree(URL(fileURLWithPath: output))
    var thrown: BuildError?
    do {
        _ = try await SiteBuilder.build(.fixture(output: output), disk: FailingDisk(failAt: failAt, error: error))
    } catch let error as BuildError {
        thrown = error
    }
    #expect(thrown?.message.hasSuffix("; le site existant est intact") == true, "\(String(describing: thrown))")
    #expect(try tree(URL(fileURLWithPath: output)) == before)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["site"])
}

// MARK: Output safety

@Test func hostileTextIsEscapedInEveryOutput() async throws {
    let hostile = "<script>alert(1)</script> \"q\" 'a' ]]> &amp; =1+2 -3 @x"
    let yaml = "\"" + hostile.replacingOccurrences(of: "\"", with: "\\\"") + "\""
    let folder = try TemporaryFolder()
    try folder.write([
        // The site's name too: the pages print it in their margins, from a style element.
        "fiches/catalogue.yml": Minimal.catalogue.replacingOccurrences(
            of: "titre: Test", with: "titre: \(yaml.replacingOccurrences(of: "<script>", with: "</style><script>"))"),
        "fiches/sante/hostile.md": """
        ---
        titre: \(yaml)
        resume: \(yaml)
        droits: [sante]
        publics: [\(yaml)]
        territoire:
          communes: [Mons]
        contacts:
          - organisation: \(yaml)
            nom: \(yaml)
            fonction: \(yaml)
            adresse: \(yaml)
            email: test@pcs-essai.be
        liens:
          - titre: \(yaml)
            url: https://pcs-essai.be/?a=1&b="2"
        mise-a-jour: 2024-01-01
        ---

        \(hostile)

        <script>alert(2)</script>

        """,
    ])
    var options = BuildOptions.fixture(source: folder.url.appendingPathComponent("fiches").path)
    options.today = ISODate(year: 2025, month: 1, day: 1)!
    let result = try await generate(options)
    #expect(!result.diagnostics.hasErrors, "\(result.diagnostics)")
    let site = try #require(result.site)
    // HTML: the only script elements are the site's own (JSON-LD, the search script).
    for path in site.paths where path.hasSuffix(".html") {
        let html = String(decoding: try #require(site.contents(of: path)), as: UTF8.self)
        #expect(!html.contains("<script>alert"), "\(path)")
        // The fiche pages' JSON-LD and buttons' script, the home page's search script; none elsewhere.
        let expected = path.hasPrefix("fiches/") ? 2 : path == "index.html" ? 1 : 0
        #expect(html.matches(of: /<script[ >]/).count == expected, "\(path)")
        // And one style element, the print margins', that the site's name does not end.
        #expect(html.matches(of: /<style[ >]/).count == 1, "\(path)")
        #expect(html.matches(of: /<\/style>/).count == 1, "\(path)")
        #expect(
            html.contains(#"content: "\3C /style>\3C script>alert(1)\3C /script> \"q\" 'a' ]]> &amp; =1+2 -3 @x""#),
            "\(path)")
    }
    let page = String(decoding: try #require(site.contents(of: "fiches/hostile/index.html")), as: UTF8.self)
    #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    // JSON: the same text back.
    let jsonData = try #require(site.contents(of: "fiches.json"))
    let json = try #require(try JSONSerialization.jsonObject(with: jsonData) as? [String: Any])
    let fiche = try #require((json["fiches"] as? [[String: Any]])?.first)
    #expect(fiche["titre"] as? String == hostile)
    #expect(((fiche["contacts"] as? [[String: Any]])?.first?["organisation"]) as? String == hostile)
    // XML: well-formed, the text escaped.
    for path in ["atom.xml", "sitemap.xml"] {
        let xml = String(decoding: try #require(site.contents(of: path)), as: UTF8.self)
        #expect(!xml.contains("<script>"), "\(path)")
        let document = xml.withCString { xmlReadMemory($0, Int32(strlen($0)), path, "UTF-8", 0) }
        #expect(document != nil, "\(path)")
        xmlFreeDoc(document)
    }
    // CSV: quotes doubled; in the Excel file, a field that starts like a formula is text.
    let csv = String(decoding: try #require(site.contents(of: "fiches.csv")), as: UTF8.self)
    #expect(csv.contains("\"<script>alert(1)</script> \"\"q\"\" 'a' ]]> &amp; =1+2 -3 @x\""))
    let excel = String(decoding: try #require(site.contents(of: "fiches-excel.csv")), as: UTF8.self)
    #expect(excel.contains(";\"<script>"))
    // The JSON-LD holds no "<" that could end its script element, and still says the title.
    let jsonLD = try #require(page.firstMatch(of: /<script type="application\/ld\+json">(.*?)<\/script>/)?.output.1)
    #expect(!jsonLD.contains("<"))
    let structured = try JSONSerialization.jsonObject(with: Data(jsonLD.utf8)) as? [String: Any]
    #expect(structured?["headline"] as? String == hostile)
}
