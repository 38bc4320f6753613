import FichesCore
import Foundation

/// How a report names places: pages under the site's folder, fiches under the source folder.
public struct ReportPaths: Sendable {
    /// `_site`, as the user gave it.
    public var site: String
    /// `fiches`, as the user gave it.
    public var source: String

    public init(site: String, source: String) {
        self.site = site
        self.source = source
    }

    func page(_ occurrence: LinkOccurrence) -> String { "\(site)/\(occurrence.page):\(occurrence.line)" }
    func fiche(_ origin: LinkOrigin) -> String { "\(source)/\(origin.file)" }
}

extension LinkReport {
    /// One place of a finding: in a fiche when the link is written there, else in a page.
    public struct Place: Sendable {
        public var file: String
        public var line: Int
        public var column: Int?
        public var message: String
        /// The pages where the link is, as `_site/page.html:12`.
        public var pages: [String]
    }

    /// Every place to report: one per place in a fiche where the link is written,
    /// and the first page for the occurrences that come from the templates.
    public func places(_ finding: LinkFinding, paths: ReportPaths) -> [Place] {
        var places = finding.origins.map { attribution in
            let first =
                attribution.occurrences.first ?? LinkOccurrence(page: "", line: 0, link: attribution.origin.link)
            return Place(
                file: paths.fiche(attribution.origin), line: attribution.origin.location.line,
                column: attribution.origin.location.column, message: finding.message(for: first),
                pages: attribution.occurrences.map(paths.page))
        }
        let others = finding.templateOccurrences
        if let first = others.first {
            places.append(
                Place(
                    file: "\(paths.site)/\(first.page)", line: first.line, column: nil,
                    message: finding.message(for: first), pages: others.map(paths.page)))
        }
        return places
    }

    // MARK: Text

    /// `file:line[:col]: erreur: message (where)` lines, errors first.
    public func text(paths: ReportPaths) -> [String] {
        findings.flatMap { finding in
            places(finding, paths: paths).map { place in
                let column = place.column.map { ":\($0)" } ?? ""
                let pages =
                    place.column == nil ? Array(place.pages.dropFirst()) : place.pages
                let also = pages.isEmpty ? "" : " (\(place.column == nil ? "aussi : " : "")\(Self.list(pages)))"
                return "\(place.file):\(place.line)\(column): \(finding.severity.rawValue): \(place.message)\(also)"
            }
        }
    }

    /// At most three places, then how many more.
    static func list(_ places: [String]) -> String {
        let shown = places.prefix(3).joined(separator: ", ")
        let rest = places.count - 3
        return rest > 0 ? "\(shown) et \(rest) autre\(rest > 1 ? "s" : "")" : shown
    }

    /// The French summary: pages, links, and the count of each outcome.
    public var summary: String {
        var text =
            "\(Self.count(pages, "page")), \(Self.count(links, "lien")) : "
            + "\(validInternalLinks) valide\(validInternalLinks > 1 ? "s" : "") dans le site, "
            + "\(Self.count(errorCount, "erreur")), \(Self.count(warningCount, "avertissement"))."
        if externalAddresses > 0 {
            text += "\nLiens externes : \(Self.count(externalAddresses, "adresse"))"
            if let external {
                text +=
                    " : \(external.valid) valide\(external.valid > 1 ? "s" : ""), "
                    + "\(external.broken) cassée\(external.broken > 1 ? "s" : ""), "
                    + "\(external.unknown) incertaine\(external.unknown > 1 ? "s" : ""), "
                    + "\(external.excluded) exclue\(external.excluded > 1 ? "s" : "")"
                    + (external.cached > 0 ? " (\(external.cached) valides d'après le cache)" : "")
                    + (redirects.isEmpty
                        ? "."
                        : " ; \(redirects.count) valide\(redirects.count > 1 ? "s" : "") après redirection"
                            + " (--format markdown ou json pour les nouvelles adresses).")
            } else {
                text += " non vérifiée\(externalAddresses > 1 ? "s" : "") (ajoutez --external pour les vérifier)."
            }
        }
        if ignored > 0 {
            text +=
                "\n\(Self.count(ignored, "lien")) d'un autre type (data:, ftp:…) non vérifié\(ignored > 1 ? "s" : "")."
        }
        return text
    }

    static func count(_ number: Int, _ word: String) -> String {
        "\(number) \(word)\(number > 1 ? "s" : "")"
    }

    // MARK: GitHub

    /// Workflow commands: each problem shows on its fiche's line in a pull request.
    public func github(paths: ReportPaths) -> [String] {
        findings.flatMap { finding in
            places(finding, paths: paths).map { place in
                finding.severity.githubAnnotation(
                    file: place.file, line: place.line, column: place.column, message: place.message)
            }
        }
    }

    // MARK: Markdown

    /// A summary table and the problems, for a pull request comment or a release note.
    public func markdown(paths: ReportPaths) -> String {
        func code(_ text: String) -> String { "`\(text.replacingOccurrences(of: "`", with: "'"))`" }
        var lines = [
            "## Vérification des liens", "",
            "| | nombre |", "|---|---:|",
            "| Pages | \(pages) |", "| Liens | \(links) |",
            "| Valides dans le site | \(validInternalLinks) |", "| Erreurs | \(errorCount) |",
            "| Avertissements | \(warningCount) |",
            "| Adresses externes | \(externalAddresses)\(external == nil && externalAddresses > 0 ? " (non vérifiées)" : "") |",
        ]
        if let external {
            lines += [
                "| Externes valides | \(external.valid) |", "| Externes cassées | \(external.broken) |",
                "| Externes incertaines | \(external.unknown) |", "| Externes exclues | \(external.excluded) |",
                "| Externes valides d'après le cache | \(external.cached) |",
            ]
        }
        for (severity, title) in [(Diagnostic.Severity.error, "Erreurs"), (.warning, "Avertissements")] {
            let group = findings.filter { $0.severity == severity }
            guard !group.isEmpty else { continue }
            lines += ["", "### \(title)", ""]
            for finding in group {
                for place in places(finding, paths: paths) {
                    let column = place.column.map { ":\($0)" } ?? ""
                    lines.append(
                        "- \(code("\(place.file):\(place.line)\(column)")) \(place.message.replacingOccurrences(of: "|", with: "\\|"))"
                            + (place.pages.isEmpty ? "" : " — \(Self.list(place.pages.map(code)))"))
                }
            }
        }
        if !redirects.isEmpty {
            lines += [
                "", "### Redirections", "",
                "Ces liens externes fonctionnent mais mènent ailleurs : mieux vaut écrire la nouvelle adresse.", "",
            ]
            lines += redirects.map { "- \(code($0.url)) → \(code($0.finalURL))" }
        }
        if findings.isEmpty { lines += ["", "Aucun problème."] }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: JSON

    /// The stable JSON document (`format` 1), described in the README.
    public func json(paths: ReportPaths) -> Data {
        struct Occurrence: Encodable {
            var page: String
            var ligne: Int
            var lien: String
        }
        struct Origin: Encodable {
            var fichier: String
            var ligne: Int
            var colonne: Int
            /// `_site/page.html:12`: where this place's link is in the pages.
            var pages: [String]
        }
        struct Problem: Encodable {
            var type: String
            var gravite: String
            var cible: String
            var message: String
            var statutHTTP: Int?
            var urlFinale: String?
            var occurrences: [Occurrence]
            var origines: [Origin]

            enum CodingKeys: String, CodingKey {
                case type, gravite, cible, message, occurrences, origines
                case statutHTTP = "statut-http"
                case urlFinale = "url-finale"
            }

            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(type, forKey: .type)
                try container.encode(gravite, forKey: .gravite)
                try container.encode(cible, forKey: .cible)
                try container.encode(message, forKey: .message)
                try container.encode(statutHTTP, forKey: .statutHTTP)
                try container.encode(urlFinale, forKey: .urlFinale)
                try container.encode(occurrences, forKey: .occurrences)
                try container.encode(origines, forKey: .origines)
            }
        }
        struct External: Encodable {
            var liens: Int
            var adresses: Int
            var verifies: Bool
            var valides: Int?
            var cassees: Int?
            var incertaines: Int?
            var exclues: Int?
            var cache: Int?
            var redirections: [Redirect]

            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(liens, forKey: .liens)
                try container.encode(adresses, forKey: .adresses)
                try container.encode(verifies, forKey: .verifies)
                try container.encode(valides, forKey: .valides)
                try container.encode(cassees, forKey: .cassees)
                try container.encode(incertaines, forKey: .incertaines)
                try container.encode(exclues, forKey: .exclues)
                try container.encode(cache, forKey: .cache)
                try container.encode(redirections, forKey: .redirections)
            }

            enum CodingKeys: String, CodingKey {
                case liens, adresses, verifies, valides, cassees, incertaines, exclues, cache, redirections
            }
        }
        struct Redirect: Encodable {
            var url: String
            var urlFinale: String

            enum CodingKeys: String, CodingKey {
                case url
                case urlFinale = "url-finale"
            }
        }
        struct Document: Encodable {
            var format = 1
            var site: String
            var pages: Int
            var liens: Int
            var valides: Int
            var erreurs: Int
            var avertissements: Int
            var ignores: Int
            var externes: External
            var problemes: [Problem]
        }
        let document = Document(
            site: paths.site, pages: pages, liens: links, valides: validInternalLinks,
            erreurs: errorCount, avertissements: warningCount, ignores: ignored,
            externes: External(
                liens: externalLinks, adresses: externalAddresses, verifies: external != nil,
                valides: external?.valid, cassees: external?.broken, incertaines: external?.unknown,
                exclues: external?.excluded, cache: external?.cached,
                redirections: redirects.map { Redirect(url: $0.url, urlFinale: $0.finalURL) }),
            problemes: findings.map { finding in
                Problem(
                    type: finding.kind.rawValue, gravite: finding.severity.rawValue, cible: finding.target,
                    message: "\(finding.label) : \(finding.explanation)", statutHTTP: finding.status,
                    urlFinale: finding.finalURL,
                    occurrences: finding.occurrences.map {
                        Occurrence(page: "\(paths.site)/\($0.page)", ligne: $0.line, lien: $0.link)
                    },
                    origines: finding.origins.map {
                        Origin(
                            fichier: paths.fiche($0.origin), ligne: $0.origin.location.line,
                            colonne: $0.origin.location.column, pages: $0.occurrences.map(paths.page))
                    })
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(document)) ?? Data()
    }
}
