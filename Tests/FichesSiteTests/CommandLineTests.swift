import Foundation
import Testing

/// Runs the `fiches` executable the way a user does.
struct Fiches {
    static let executable: URL = {
        let candidates = [
            Bundle.main.bundleURL, URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
        ]
        for folder in candidates {
            let url = folder.appendingPathComponent("fiches")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                return url
            }
        }
        return Paths.repository.appendingPathComponent(".build/debug/fiches")
    }()

    struct Outcome {
        var status: Int32
        var output: String
        var errors: String
    }

    static func run(_ arguments: [String], in folder: URL, environment: [String: String] = [:]) throws -> Outcome {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let (output, errors) = (Pipe(), Pipe())
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus, output: String(decoding: outputData, as: UTF8.self),
            errors: String(decoding: errorData, as: UTF8.self))
    }
}

/// A copy of the project's catalogue, to run commands in: the templates are in the tool.
func projectCopy() throws -> TemporaryFolder {
    let folder = try TemporaryFolder()
    try FileManager.default.copyItem(
        at: Paths.repository.appendingPathComponent("fiches"), to: folder.url.appendingPathComponent("fiches"))
    return folder
}

private let readme = try! String(contentsOf: Paths.repository.appendingPathComponent("README.md"), encoding: .utf8)

/// The contents of the README's code blocks of one language.
private func readmeBlocks(_ language: String) -> [String] {
    readme.components(separatedBy: "```\(language)\n").dropFirst().map { $0.components(separatedBy: "\n```")[0] }
}

@Test func everyCommandOfTheReadmeWorks() throws {
    // `fiches serve` runs until Ctrl-C: it has its own test below.
    let commands = readmeBlocks("sh").flatMap { $0.split(separator: "\n") }
        .filter { $0.hasPrefix("fiches ") && !$0.hasPrefix("fiches serve") }
    #expect(commands.count >= 5)
    let project = try projectCopy()
    for command in commands {
        let arguments = command.split(separator: " ").dropFirst().map(String.init)
        let outcome = try Fiches.run(arguments, in: project.url)
        #expect(outcome.status == 0, "\(command): \(outcome.errors)")
    }
    #expect(FileManager.default.fileExists(atPath: project.url.appendingPathComponent("_site/index.html").path))
}

@Test func theReadmeFicheIsValidAndItsSampleMessageIsReal() throws {
    let example = try #require(readmeBlocks("markdown").first)
    let project = try projectCopy()
    let file = project.url.appendingPathComponent("fiches/sante/alzheimer-cafe.md")
    try Data(example.utf8).write(to: file)
    let valid = try Fiches.run(["check"], in: project.url)
    #expect(valid.status == 0, "\(valid.errors)")

    try Data(example.replacingOccurrences(of: "droits: [sante]", with: "droits: [sant]").utf8).write(to: file)
    let invalid = try Fiches.run(["check"], in: project.url)
    let sample = try #require(readmeBlocks("text").first)
    #expect(invalid.status == 1)
    #expect(invalid.errors == sample + "\n")

    // The JSON sample of the command list, indented as a list item there.
    let json = try Fiches.run(["check", "--format", "json"], in: project.url)
    let documented = try #require(readme.components(separatedBy: "  ```json\n").dropFirst().first)
        .components(separatedBy: "\n  ```")[0].split(separator: "\n").map { $0.dropFirst(2) }.joined(separator: "\n")
    #expect(json.status == 1)
    #expect(json.output == documented + "\n")
}

@Test func contentErrorsExitOneAndPublishNothing() throws {
    let project = try projectCopy()
    let file = project.url.appendingPathComponent("fiches/sante/maison-medicale.md")
    let text = try String(contentsOf: file, encoding: .utf8)
    try Data(text.replacingOccurrences(of: "accueil@csic.be", with: "accueil@csic").utf8).write(to: file)
    let outcome = try Fiches.run(["build"], in: project.url)
    #expect(outcome.status == 1)
    #expect(
        outcome.errors.hasPrefix(
            "fiches/sante/maison-medicale.md:12:12: erreur: courriel invalide « accueil@csic »\n"))
    #expect(outcome.errors.hasSuffix("Rien n'a été publié : corrigez les erreurs ci-dessus.\n"))
    #expect(!FileManager.default.fileExists(atPath: project.url.appendingPathComponent("_site").path))
}

@Test(arguments: [
    ["build", "--format", "json"], ["check", "--format", "xml"], ["publier"], ["build", "--base-url", "exemple"],
])
func badUsageExits64(arguments: [String]) throws {
    let project = try projectCopy()
    #expect(try Fiches.run(arguments, in: project.url).status == 64)
}

@Test func checkSpeaksJSONForTools() throws {
    let project = try projectCopy()
    let outcome = try Fiches.run(["check", "--format", "json"], in: project.url)
    let document = try JSONSerialization.jsonObject(with: Data(outcome.output.utf8)) as? [String: Any]
    #expect(document?["erreurs"] as? Int == 0)
    #expect((document?["diagnostics"] as? [Any])?.isEmpty == true)
}

@Test func linksPassesOnTheBuiltSiteAndFailsOnceAPageIsGone() throws {
    let project = try projectCopy()
    #expect(try Fiches.run(["build"], in: project.url).status == 0)
    let clean = try Fiches.run(["links"], in: project.url)
    #expect(clean.status == 0, "\(clean.output)")
    #expect(clean.output.contains(" 0 erreur, 0 avertissement."))

    try FileManager.default.removeItem(
        at: project.url.appendingPathComponent("_site/fiches/maison-medicale/index.html"))
    let text = try Fiches.run(["links"], in: project.url)
    #expect(text.status == 1)
    // The README shows this very report: a fiche's body link at its line, the templates' at their page.
    #expect(text.output == readmeBlocks("text")[1] + "\n")

    let json = try Fiches.run(["links", "--format", "json"], in: project.url)
    #expect(json.status == 1)
    let document = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
    let problems = try #require(document["problemes"] as? [[String: Any]])
    #expect(problems.first?["type"] as? String == "lien-casse")
    #expect(problems.first?["cible"] as? String == "fiches/maison-medicale/")
    #expect((document["erreurs"] as? Int ?? 0) >= 1)

    let markdown = try Fiches.run(["links", "--format", "markdown"], in: project.url)
    #expect(markdown.output.hasPrefix("## Vérification des liens\n"))
    #expect(markdown.output.contains("### Erreurs"))

    let github = try Fiches.run(["links", "--format", "github"], in: project.url)
    #expect(
        github.output.split(separator: "\n").contains {
            $0.hasPrefix("::error file=fiches/sante/aide-sante-mentale-maisons-de-quartier.md,line=44,col=11::")
        })
}

@Test func checkLinksStopsABuildWhoseTemplatesLinkNowhereAndPublishesNothing() throws {
    let project = try projectCopy()
    // The portal team's assets folder, without the style sheet every page links to.
    try FileManager.default.createDirectory(
        at: project.url.appendingPathComponent("gabarits/assets"), withIntermediateDirectories: true)
    try FileManager.default.copyItem(
        at: Paths.repository.appendingPathComponent("site-template/assets/recherche.js"),
        to: project.url.appendingPathComponent("gabarits/assets/recherche.js"))
    let checked = try Fiches.run(["build", "--check-links", "--templates", "gabarits"], in: project.url)
    #expect(checked.status == 1)
    // One line for the template's link, at the first page that has it, with the others after.
    let first = try #require(checked.errors.split(separator: "\n").first)
    #expect(first.hasPrefix("_site/404.html:"))
    #expect(
        first.contains(
            ": erreur: lien cassé « /bonnes-pratiques/assets/fiches.css » : « assets/fiches.css » n'existe pas "
                + "dans le site (aussi : _site/accessibilite/index.html:"))
    #expect(first.hasSuffix(" et 59 autres)"))
    #expect(checked.errors.hasSuffix("Rien n'a été publié : corrigez les erreurs ci-dessus.\n"))
    #expect(!FileManager.default.fileExists(atPath: project.url.appendingPathComponent("_site").path))
    // Without the flag the same site is published: the check is what stopped it. The
    // missing style sheet was announced all the same.
    let built = try Fiches.run(["build", "--templates", "gabarits"], in: project.url)
    #expect(built.status == 0)
    #expect(
        built.errors.contains(
            "gabarits/assets:1:1: avertissement: fichier « fiches.css » absent : les pages du site y renvoient, "
                + "ce lien sera cassé (il est dans site-template/assets/)"))
    #expect(!built.errors.contains("« recherche.js » absent"))
}

/// The templates and assets are compiled in: a build works from any folder,
/// with the sources and the output named from there.
@Test func aBuildWorksFromAnyFolder() throws {
    let project = try projectCopy()
    let elsewhere = try TemporaryFolder()
    let outcome = try Fiches.run(
        ["build", "--source", project.url.appendingPathComponent("fiches").path, "--output", "sortie"],
        in: elsewhere.url)
    #expect(outcome.status == 0, "\(outcome.errors)")
    let css = try Data(contentsOf: elsewhere.url.appendingPathComponent("sortie/assets/fiches.css"))
    #expect(css == (try Data(contentsOf: Paths.repository.appendingPathComponent("site-template/assets/fiches.css"))))
    #expect(FileManager.default.fileExists(atPath: elsewhere.url.appendingPathComponent("sortie/index.html").path))
}

@Test func aFolderNotBuiltByFichesNeedsItsBaseURL() throws {
    let folder = try TemporaryFolder()
    try folder.write(["site/index.html": "<a href=\"page.html\">page</a> <a href=\"/autre/\">autre</a>"])
    let refused = try Fiches.run(["links", "--site", "site"], in: folder.url)
    #expect(refused.status == 1)
    #expect(refused.errors.contains("--base-url"))
    let checked = try Fiches.run(["links", "--site", "site", "--base-url", "https://example.org/"], in: folder.url)
    #expect(checked.status == 1)
    #expect(checked.output.contains("site/index.html:1: erreur: lien cassé « page.html »"))
    // Under https://example.org/, a root-relative link is a page of the site too.
    #expect(checked.output.contains("site/index.html:1: erreur: lien cassé « /autre/ »"))
}

@Test func newCreatesADraftThenRefusesToReplaceIt() throws {
    let project = try projectCopy()
    let created = try Fiches.run(["new", "Un café pour les aidants", "--droit", "sante"], in: project.url)
    #expect(created.status == 0, "\(created.errors)")
    #expect(
        created.output
            == "Fiche créée : fiches/sante/un-cafe-pour-les-aidants.md (en brouillon). Complétez-la, puis vérifiez-la "
            + "avec « fiches check fiches/sante/un-cafe-pour-les-aidants.md » ; « fiches serve » la montre déjà.\n"
    )
    #expect(try Fiches.run(["check"], in: project.url).status == 0)
    let again = try Fiches.run(["new", "Un café pour les aidants", "--droit", "sante"], in: project.url)
    #expect(again.status == 1)
    #expect(
        again.errors
            == "fiches: erreur: la fiche fiches/sante/un-cafe-pour-les-aidants.md existe déjà : rien n'a été écrit\n")
    let unknown = try Fiches.run(["new", "Un autre café", "--droit", "sant"], in: project.url)
    #expect(unknown.status == 64)
    #expect(unknown.errors.hasPrefix("fiches: erreur: droit inconnu « sant » ; vouliez-vous dire « sante » ?"))
}

@Test(.timeLimit(.minutes(1)))
func servePreviewsOutsideThePublishFolderAndStopsCleanlyOnCtrlC() throws {
    let project = try projectCopy()
    // The draft an editor has just created is shown, without any option.
    #expect(try Fiches.run(["new", "Un café pour les aidants", "--droit", "sante"], in: project.url).status == 0)
    let temporary = try TemporaryFolder()
    let process = Process()
    process.executableURL = Fiches.executable
    process.arguments = ["serve", "--port", "0"]
    process.currentDirectoryURL = project.url
    process.environment = ProcessInfo.processInfo.environment.merging(["TMPDIR": temporary.path]) { $1 }
    let (output, errors) = (Pipe(), Pipe())
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    var text = ""
    while !text.contains("(Ctrl-C pour arrêter).\n") {
        let data = output.fileHandleForReading.availableData
        if data.isEmpty { break }
        text += String(decoding: data, as: UTF8.self)
    }
    let lines = text.split(separator: "\n").map(String.init)
    try #require(lines.count == 2, "\(text)")
    #expect(lines[0].contains(/^Aperçu prêt en \d+ ms : 10 fiches, dont 1 brouillon\.$/))
    let port = try #require(
        lines[1].firstMatch(of: /^Aperçu sur http:\/\/127\.0\.0\.1:(\d+)\/ \(Ctrl-C pour arrêter\)\.$/)
    )
    .output.1
    // The site is in memory: nothing is written, neither in a temporary folder nor in _site/.
    #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.path).isEmpty)
    #expect(!FileManager.default.fileExists(atPath: project.url.appendingPathComponent("_site").path))

    // A second preview on the same port says so, before building anything.
    let second = try Fiches.run(["serve", "--port", String(port)], in: project.url)
    #expect(second.status == 1)
    #expect(second.output == "")
    #expect(
        second.errors.hasPrefix(
            "fiches: erreur: le port \(port) est déjà utilisé (un autre aperçu est peut-être ouvert) ; arrêtez-le avec Ctrl-C ou essayez fiches serve --port "
        ))

    kill(process.processIdentifier, SIGINT)
    let rest = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    #expect(rest == "Aperçu arrêté.\n")
    // Only the warnings of the draft's placeholders, still to fill in.
    let warnings = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    #expect(warnings.contains("fiches/sante/un-cafe-pour-les-aidants.md:"))
    #expect(!warnings.contains(": erreur:"))
    #expect(warnings.hasSuffix("aucune erreur, 1 avertissement dans 1 fiche\n"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.path).isEmpty)
}

@Test func diffComparesTheSourcesWithAPublishedSite() throws {
    let project = try projectCopy()
    #expect(try Fiches.run(["build", "--output", "publie"], in: project.url).status == 0)
    let unchanged = try Fiches.run(["diff", "publie"], in: project.url)
    #expect(unchanged.status == 0)
    #expect(unchanged.output.hasSuffix(" : aucun.\n"))
    let file = project.url.appendingPathComponent("fiches/sante/maison-medicale.md")
    let text = try String(contentsOf: file, encoding: .utf8)
    try Data(text.replacingOccurrences(of: "accueil@csic.be", with: "contact@csic.be").utf8).write(to: file)
    let changed = try Fiches.run(["diff", "publie/fiches.json", "--format", "markdown"], in: project.url)
    #expect(changed.status == 0)
    #expect(changed.output.contains("### Modifiées (1)\n\n- [Mettre en place une maison médicale]("))
    #expect(changed.output.contains(") : `contacts`\n"))
    let missing = try Fiches.run(["diff", "nulle-part"], in: project.url)
    #expect(missing.status == 1)
    #expect(
        missing.errors
            == "fiches: erreur: introuvable : nulle-part (un dossier de site publié, un fichier fiches.json ou une adresse)\n"
    )
}

/// `check FILE…` reports the problems of the files given only, yet checks
/// their links against the whole catalogue.
@Test func checkGivenFilesReportsTheirProblemsOnly() throws {
    let project = try projectCopy()
    func edit(_ path: String, _ old: String, _ new: String) throws {
        let file = project.url.appendingPathComponent(path)
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.contains(old))
        try Data(text.replacingOccurrences(of: old, with: new).utf8).write(to: file)
    }
    try edit("fiches/sante/maison-medicale.md", "accueil@csic.be", "accueil@csic")
    try edit("fiches/sante/alzheimer-cafe.md", "## Contexte\n", "## Contexte\n\n[Voir](maison-medicalle.md).\n")
    let one = try Fiches.run(["check", "fiches/sante/alzheimer-cafe.md"], in: project.url)
    #expect(one.status == 1)
    #expect(one.errors.contains("fiches/sante/alzheimer-cafe.md:"))
    #expect(
        one.errors.contains(
            "erreur: fiche introuvable « maison-medicalle.md » ; vouliez-vous dire « maison-medicale.md » ?"))
    #expect(!one.errors.contains("maison-medicale.md:"))
    #expect(one.errors.hasSuffix("1 erreur, aucun avertissement dans 1 fiche\n"))

    let fine = try Fiches.run(["check", "fiches/alimentation/donnerie-alimentaire.md"], in: project.url)
    #expect(fine.status == 0, "\(fine.errors)")
    #expect(fine.output == "1 fiche vérifiée : aucun problème.\n")

    let notAFiche = try Fiches.run(["check", "fiches/README.md"], in: project.url)
    #expect(notAFiche.status == 1)
    #expect(notAFiche.errors.hasPrefix("fiches: erreur: « fiches/README.md » n'est pas une fiche"))
}

/// From any subfolder, the project is found upwards, as git finds its repository.
@Test func theProjectIsFoundFromASubfolder() throws {
    let project = try projectCopy()
    let inside = project.url.appendingPathComponent("fiches/sante")
    let checked = try Fiches.run(["check"], in: inside)
    #expect(checked.status == 0, "\(checked.errors)")
    #expect(checked.output == "9 fiches vérifiées : aucun problème.\n")
    let one = try Fiches.run(["check", "alzheimer-cafe.md"], in: inside)
    #expect(one.output == "1 fiche vérifiée : aucun problème.\n")
    // Files are named from here, as the editor there writes them.
    let file = inside.appendingPathComponent("alzheimer-cafe.md")
    let text = try String(contentsOf: file, encoding: .utf8)
    try Data(text.replacingOccurrences(of: "droits: [sante]", with: "droits: [Santé]").utf8).write(to: file)
    let named = try Fiches.run(["check"], in: inside)
    #expect(named.errors.hasPrefix("alzheimer-cafe.md:7:10: avertissement: droit « Santé » lu comme « sante »"))
    let fromAbove = try Fiches.run(["check"], in: project.url.appendingPathComponent("fiches"))
    #expect(fromAbove.errors.hasPrefix("sante/alzheimer-cafe.md:7:10: avertissement:"))
    // A file given from outside the project leads to it.
    let outside = try Fiches.run(["check", file.path], in: URL(fileURLWithPath: "/"))
    #expect(outside.status == 0, "\(outside.errors)")
    #expect(outside.errors.hasPrefix("\(file.standardizedFileURL.path):7:10: avertissement:"))
    try Data(text.utf8).write(to: file)
    let built = try Fiches.run(["build"], in: inside)
    #expect(built.status == 0, "\(built.errors)")
    #expect(built.output.hasPrefix("Site construit dans ../../_site : 9 fiches publiées sur 9, "))
    #expect(FileManager.default.fileExists(atPath: project.url.appendingPathComponent("_site/index.html").path))

    let elsewhere = try TemporaryFolder()
    let lost = try Fiches.run(["check"], in: elsewhere.url)
    #expect(lost.status == 1)
    #expect(
        lost.errors
            == "fiches: erreur: dossier des fiches introuvable : aucun dossier fiches/ avec catalogue.yml dans "
            + "\(elsewhere.url.standardizedFileURL.path) ni dans les dossiers au-dessus ; lancez la commande dans le "
            + "dossier du projet ou donnez --source DOSSIER\n")
}
