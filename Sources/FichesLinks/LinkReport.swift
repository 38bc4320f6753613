import FichesCore
import Foundation

/// A link written in a page of the site, as that page writes it.
public struct LinkOccurrence: Hashable, Sendable, Comparable {
    /// Relative to the site's folder.
    public var page: String
    public var line: Int
    public var link: String

    public static func < (a: Self, b: Self) -> Bool { (a.page, a.line, a.link) < (b.page, b.line, b.link) }
}

/// One problem: a target that fails, every place that links to it, and the
/// places in the fiches those links are written.
public struct LinkFinding: Hashable, Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case missingFile = "lien-casse"
        /// A page of the site that could not be read.
        case unreadable = "page-illisible"
        case missingAnchor = "ancre-introuvable"
        case outside = "hors-du-site"
        case redirect = "redirection"
        case invalidEmail = "courriel-invalide"
        case invalidPhone = "telephone-invalide"
        case externalBroken = "externe-casse"
        case externalUnknown = "externe-incertain"

        public var isExternal: Bool { self == .externalBroken || self == .externalUnknown }
    }

    public var kind: Kind
    public var severity: Diagnostic.Severity
    /// What fails: a site path (`fiches/x/`, or `fiches/x/index.html#frag` for an
    /// anchor), a `mailto:` or `tel:` link, or an external URL.
    public var target: String
    /// For external links: the HTTP status if one came back, where redirects
    /// ended, and the reason in French.
    public var status: Int?
    public var finalURL: String?
    public var detail: String?
    public var occurrences: [LinkOccurrence] = []
    /// The places in the fiches where the failing link is written, each with
    /// the occurrences it accounts for; the other occurrences come from templates.
    public var origins: [Attribution] = []

    /// A place in a fiche and the occurrences of its link in the pages.
    public struct Attribution: Hashable, Sendable {
        public var origin: LinkOrigin
        public var occurrences: [LinkOccurrence]
    }

    /// The occurrences no fiche accounts for: links of the templates.
    public var templateOccurrences: [LinkOccurrence] {
        let attributed = Set(origins.flatMap(\.occurrences))
        return occurrences.filter { !attributed.contains($0) }
    }

    public init(kind: Kind, severity: Diagnostic.Severity, target: String) {
        self.kind = kind
        self.severity = severity
        self.target = target
    }

    /// `lien cassé`, `ancre introuvable`…
    public var label: String {
        switch kind {
        case .missingFile: "lien cassé"
        case .unreadable: "page illisible"
        case .missingAnchor: "ancre introuvable"
        case .outside: "lien hors du site"
        case .redirect: "lien sans « / » final"
        case .invalidEmail: "courriel invalide"
        case .invalidPhone: "numéro de téléphone invalide"
        case .externalBroken: "lien externe cassé"
        case .externalUnknown: "lien externe incertain"
        }
    }

    /// Why the target fails, in French.
    public var explanation: String {
        switch kind {
        case .missingFile:
            let file = target.isEmpty || target.hasSuffix("/") ? target + "index.html" : target
            return "« \(file) » n'existe pas dans le site"
        case .unreadable: return "la page « \(target) » n'a pas pu être lue"
        case .missingAnchor:
            let (file, fragment) = (target.prefix { $0 != "#" }, target.drop { $0 != "#" }.dropFirst())
            return "la page « \(file) » n'a aucun élément id=« \(fragment) »"
        case .outside: return "il mène au-dessus du dossier du site ou hors de son adresse de base"
        case .redirect: return "« \(target) » est un dossier ; écrivez « \(target)/ », sinon le serveur doit rediriger"
        case .invalidEmail: return "« \(target) » n'est pas une adresse valide"
        case .invalidPhone:
            return
                "« \(target) » n'est pas au format international E.164 (+, indicatif, chiffres seuls : tel:+3265123456)"
        case .externalBroken, .externalUnknown:
            return (detail ?? "échec") + (finalURL.map { " (après redirection vers « \($0) »)" } ?? "")
        }
    }

    /// `lien cassé « ../x/ » : « fiches/x/index.html » n'existe pas dans le site`.
    public func message(for occurrence: LinkOccurrence) -> String {
        "\(label) « \(occurrence.link) » : \(explanation)"
    }
}

/// What the link check of a site found.
public struct LinkReport: Sendable {
    /// The outcomes of the distinct external addresses, once they are asked for.
    public struct ExternalCounts: Sendable, Equatable {
        public var valid = 0
        public var broken = 0
        public var unknown = 0
        public var excluded = 0
        /// Valid results taken from the cache rather than asked again.
        public var cached = 0

        public init(valid: Int = 0, broken: Int = 0, unknown: Int = 0, excluded: Int = 0, cached: Int = 0) {
            (self.valid, self.broken, self.unknown, self.excluded, self.cached) = (
                valid, broken, unknown, excluded, cached
            )
        }
    }

    public var pages = 0
    /// Links read in the pages.
    public var links = 0
    /// Links to other sites, and their distinct addresses.
    public var externalLinks = 0
    public var externalAddresses = 0
    /// Links with another scheme (`data:`, `ftp:`…), not checked.
    public var ignored = 0
    /// Nil when the external links were not asked for.
    public var external: ExternalCounts?
    /// Valid external links that ended elsewhere: the address to write instead.
    public var redirects: [(url: String, finalURL: String)] = []
    public var findings: [LinkFinding] = []

    public var hasErrors: Bool { findings.contains { $0.severity == .error } }
    public var errorCount: Int { findings.filter { $0.severity == .error }.count }
    public var warningCount: Int { findings.filter { $0.severity == .warning }.count }

    /// Links inside the site (and `mailto:`, `tel:`) that reach their target, a redirect included.
    public var validInternalLinks: Int {
        let failing = findings.filter { $0.severity == .error && !$0.kind.isExternal }
        return links - externalLinks - ignored - failing.reduce(0) { $0 + $1.occurrences.count }
    }

    public init() {}

    /// Findings in a stable order: errors first, then by first page and line.
    mutating func sort() {
        for index in findings.indices {
            findings[index].occurrences.sort()
            findings[index].origins.sort {
                ($0.origin.file, $0.origin.location) < ($1.origin.file, $1.origin.location)
            }
        }
        findings.sort {
            ($0.severity, $0.occurrences.first?.page ?? "", $0.occurrences.first?.line ?? 0, $0.target)
                < ($1.severity, $1.occurrences.first?.page ?? "", $1.occurrences.first?.line ?? 0, $1.target)
        }
    }

    /// Names the fiche lines behind each finding.
    public mutating func attach(_ origins: LinkOrigins?) {
        guard let origins, !findings.isEmpty else { return }
        var byPage: [String: [String: [LinkOrigin]]] = [:]
        for index in findings.indices {
            // One attribution per place in a fiche, whatever the page: the page and
            // the guide write the same body link differently.
            var places: [String: LinkFinding.Attribution] = [:]
            for occurrence in findings[index].occurrences {
                if byPage[occurrence.page] == nil {
                    byPage[occurrence.page] = Dictionary(
                        grouping: origins.origines[occurrence.page] ?? [], by: { Self.key($0.link) })
                }
                for origin in byPage[occurrence.page]?[Self.key(occurrence.link)] ?? [] {
                    let place = "\(origin.file):\(origin.location.line):\(origin.location.column)"
                    places[place, default: LinkFinding.Attribution(origin: origin, occurrences: [])].occurrences.append(
                        occurrence)
                }
            }
            findings[index].origins = Array(places.values)
        }
        sort()
    }

    /// Links compared without their percent-encoding, which cmark adds to some.
    static func key(_ link: String) -> String {
        link.contains("%") ? (link.removingPercentEncoding ?? link) : link
    }
}
