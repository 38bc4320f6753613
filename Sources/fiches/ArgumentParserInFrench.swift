import Foundation

/// swift-argument-parser writes its help headings and its usage errors in
/// English, with no way to localise them. The help and the messages come from
/// its API (`fullMessage(for:)`, which knows the command, its options and the
/// error); this turns the fixed English of version 1.8 into French, line by
/// line. The golden tests of the help and of each usage error fail on any
/// English left, for example after an update of the package.
enum ArgumentParserInFrench {
    static func translate(_ text: String) -> String {
        var text = phrases(text)
        var overview = false
        if text.hasPrefix("OVERVIEW: ") {
            // The abstract, without its heading, wrapped again to the width it had.
            text.removeFirst("OVERVIEW: ".count)
            overview = true
        }
        var lines: [String] = []
        /// The English heading whose continuation lines are indented to follow it.
        var hanging: (from: Int, to: Int)?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if let (from, to) = hanging, line.hasPrefix(String(repeating: " ", count: from)), !line.isEmpty {
                lines.append(String(repeating: " ", count: to) + line.dropFirst(from))
                continue
            }
            hanging = nil
            var french = line
            for (english, replacement) in prefixes where line.hasPrefix(english) {
                french = replacement + line.dropFirst(english.count)
                if english == "USAGE: " || english == "Usage: " { hanging = (english.count, replacement.count) }
                break
            }
            lines.append(french)
        }
        if overview, let end = lines.firstIndex(of: "") {
            lines.replaceSubrange(0..<end, with: wrapped(lines[0..<end].joined(separator: " "), width: 80))
        }
        return lines.joined(separator: "\n")
    }

    /// `text` cut between words into lines of at most `width` characters.
    private static func wrapped(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty, line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
            }
            line += line.isEmpty ? String(word) : " " + word
        }
        return lines + (line.isEmpty ? [] : [line])
    }

    /// Line openings: headings, and the prefixes of an error and of its usage.
    private static let prefixes: [(String, String)] = [
        ("OVERVIEW: ", ""),
        ("USAGE: ", "UTILISATION : "),
        ("Usage: ", "Utilisation : "),
        ("ARGUMENTS:", "ARGUMENTS :"),
        ("OPTIONS:", "OPTIONS :"),
        ("SUBCOMMANDS:", "SOUS-COMMANDES :"),
        ("Error: ", "fiches: erreur: "),
        ("Help:  ", "Aide : "),
    ]

    /// The sentences swift-argument-parser makes, anywhere in a line.
    private static var sentences: [(Regex<AnyRegexOutput>, (Regex<AnyRegexOutput>.Match) -> String)] {
        [
            (
                try! Regex(#"Unknown option '([^']*)'\. Did you mean '([^']*)'\?"#),
                { "option inconnue « \($0[1].substring ?? "") » ; vouliez-vous dire « \($0[2].substring ?? "") » ?" }
            ),
            (try! Regex(#"Unknown option '([^']*)'"#), { "option inconnue « \($0[1].substring ?? "") »" }),
            (try! Regex(#"Invalid option: (.*)"#), { "option invalide : \($0[1].substring ?? "")" }),
            (try! Regex(#"Missing value for '([^']*)'"#), { "valeur manquante pour « \($0[1].substring ?? "") »" }),
            (
                try! Regex(#"The option '([^']*)' does not take any value, but '([^']*)' was specified\."#),
                { "l'option « \($0[1].substring ?? "") » ne prend pas de valeur (reçu « \($0[2].substring ?? "") »)" }
            ),
            (try! Regex(#"Unexpected argument '([^']*)'"#), { "argument inattendu « \($0[1].substring ?? "") »" }),
            (
                try! Regex(#"(\d+) unexpected arguments: '(.*)'"#),
                {
                    "\($0[1].substring ?? "") arguments inattendus : « "
                        + ($0[2].substring ?? "").replacingOccurrences(of: "', '", with: " », « ") + " »"
                }
            ),
            (
                try! Regex(#"Missing expected argument '(-[^']*)'"#),
                { "option obligatoire manquante : « \($0[1].substring ?? "") »" }
            ),
            (
                try! Regex(#"Missing expected argument '([^']*)'"#),
                { "argument manquant : « \($0[1].substring ?? "") »" }
            ),
            (
                try! Regex(#"Missing one of: '(.*)'"#),
                {
                    "il manque l'un de ces arguments : « \(($0[1].substring ?? "").replacingOccurrences(of: "', '", with: " », « ")) »"
                }
            ),
            (try! Regex(#"Missing required subcommand\."#), { _ in "sous-commande attendue" }),
            (
                try! Regex(#"The value '([^']*)' is invalid for '([^']*)'\. Please provide one of (.*)\."#),
                {
                    "valeur « \($0[1].substring ?? "") » invalide pour « \($0[2].substring ?? "") » ; valeurs possibles : "
                        + ($0[3].substring ?? "").replacingOccurrences(of: "'", with: "").replacingOccurrences(
                            of: " and ", with: " ou "
                        ).replacingOccurrences(of: " or ", with: " ou ")
                }
            ),
            (
                try! Regex(#"The value '([^']*)' is invalid for '([^']*)'"#),
                { "valeur « \($0[1].substring ?? "") » invalide pour « \($0[2].substring ?? "") »" }
            ),
            (try! Regex(#"The value '([^']*)' is invalid\."#), { "valeur « \($0[1].substring ?? "") » invalide" }),
            (
                try! Regex(#"Value to be set with (.*) had already been set with (.*)"#),
                { "\($0[1].substring ?? "") donné alors que \($0[2].substring ?? "") l'a déjà été" }
            ),
            (
                try! Regex(#"See '([^']*) <subcommand>' for\s+detailed\s+help\."#),
                { "Aide d'une sous-commande : \($0[1].substring ?? "") <sous-commande>" }
            ),
            (
                try! Regex(#"See '([^']*)' for more information\."#),
                { "Pour en savoir plus : \($0[1].substring ?? "")" }
            ),
            (try! Regex(#"Show\s+help\s+information\."#), { _ in "Afficher cette aide." }),
            (try! Regex(#"Show subcommand help information\."#), { _ in "Afficher l'aide d'une sous-commande." }),
            (
                try! Regex(#"\(values:\s+([^;)]*);\s+default:\s+([^)]*)\)"#),
                { "(valeurs : \($0[1].substring ?? "") ; par défaut : \($0[2].substring ?? ""))" }
            ),
            (try! Regex(#"\(values:\s+([^)]*)\)"#), { "(valeurs : \($0[1].substring ?? ""))" }),
            (try! Regex(#"\(default:\s+([^)]*)\)"#), { "(par défaut : \($0[1].substring ?? ""))" }),
            (try! Regex(#"<subcommand>"#), { _ in "<sous-commande>" }),
            // French puts the parenthesis before the full stop: `confondus (par défaut : 16)`.
            (
                try! Regex(#"\.(\s+)\(((?:valeurs|par défaut) :[^)]*)\)"#),
                { "\($0[1].substring ?? "")(\($0[2].substring ?? ""))." }
            ),
            // A whole number of seconds or days, without the `.0` of Swift's Double.
            (try! Regex(#"par défaut : (\d+)\.0\)"#), { "par défaut : \($0[1].substring ?? ""))" }),
            (try! Regex(#"\bflag '([^']*)'"#), { "l'option « \($0[1].substring ?? "") »" }),
        ]
    }

    /// Each sentence translated wherever it is, even when the help wrapped it over two lines.
    private static func phrases(_ text: String) -> String {
        var text = text
        for (pattern, french) in sentences {
            text = text.replacing(pattern, with: french)
        }
        return text
    }
}
