import Foundation
import Testing

/// Every word the command line prints is French: its help and its usage
/// errors, compared with golden files (re-record with
/// `FICHES_RECORD=1 swift test --filter FrenchCommandLine`), and none of
/// swift-argument-parser's English left.
private let cases: [(name: String, arguments: [String])] = [
    ("aide", ["--help"]),
    ("aide-build", ["build", "--help"]),
    ("aide-check", ["check", "--help"]),
    ("aide-links", ["links", "--help"]),
    ("aide-new", ["new", "--help"]),
    ("aide-serve", ["serve", "--help"]),
    ("aide-diff", ["diff", "--help"]),
    ("aide-help-check", ["help", "check"]),
    ("sans-commande", []),
    ("option-inconnue", ["check", "--bogus"]),
    ("option-proche", ["links", "--sit", "x"]),
    ("valeur-hors-liste", ["check", "--format", "xml"]),
    ("valeur-manquante", ["check", "--source"]),
    ("nombre-invalide", ["serve", "--port", "abc"]),
    ("argument-manquant", ["new"]),
    ("option-obligatoire", ["new", "Un café pour tous"]),
    ("argument-inattendu", ["build", "en-trop"]),
    ("commande-inconnue", ["biuld"]),
    ("drapeau-avec-valeur", ["check", "--a-revoir=oui"]),
    ("adresse-invalide", ["build", "--base-url", "ftp://exemple.be/"]),
    ("province-inconnue", ["new", "Un café pour tous", "--droit", "sante", "--province", "Hainau"]),
]

/// What swift-argument-parser says in English, which must never reach the user.
private let english = [
    "USAGE", "OVERVIEW", "OPTIONS:", "ARGUMENTS:", "SUBCOMMANDS", "Usage:", "Error:", "Help:", "Show ",
    "help information",
    "default:", "values:", "Unknown", "Missing", "Unexpected", "invalid for", "Please", "See '", "subcommand",
    "Did you mean", "does not take", "had already",
]

private let golden = Paths.repository.appendingPathComponent("Tests/FichesSiteTests/Fixtures/aide")

@Test(arguments: cases.map(\.name))
func theCommandLineSpeaksFrench(_ name: String) throws {
    let arguments = try #require(cases.first { $0.name == name }).arguments
    let project = try projectCopy()
    let outcome = try Fiches.run(arguments, in: project.url, environment: ["COLUMNS": "80"])
    let printed =
        "$ fiches \(arguments.joined(separator: " "))\ncode de sortie : \(outcome.status)\n"
        + outcome.output + outcome.errors
    let file = golden.appendingPathComponent("\(name).txt")
    if ProcessInfo.processInfo.environment["FICHES_RECORD"] != nil {
        try FileManager.default.createDirectory(at: golden, withIntermediateDirectories: true)
        try Data(printed.utf8).write(to: file)
    }
    #expect(printed == (try String(contentsOf: file, encoding: .utf8)))
    for word in english {
        #expect(!printed.contains(word), "« \(word) » in the output of fiches \(arguments.joined(separator: " "))")
    }
    // Help is asked for: exit 0 on standard output; any other case is a usage error, 64, on standard error.
    let isHelp = arguments.contains("--help") || arguments.first == "help" || arguments.isEmpty
    #expect(outcome.status == (isHelp ? 0 : 64))
    #expect((isHelp ? outcome.errors : outcome.output).isEmpty)
}
