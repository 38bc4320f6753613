import FichesCore
import Foundation

/// What changed between two `fiches.json`: the fiches added, removed and
/// changed (with the fields that changed), and the rights whose count moved.
public struct PublicationDiff: Sendable {
    public struct Fiche: Sendable, Equatable {
        public var slug: String
        public var titre: String
        public var url: String
        /// For a changed fiche, the fields that differ, in the order of `fiches.json`'s keys.
        public var fields: [String] = []
        /// And how each differs: a field's words, a section of the body added, removed or changed.
        public var changes: [Change] = []
    }

    /// A field that changed, with its words.
    public struct FieldChange: Sendable, Equatable {
        public var name: String
        public var pieces: [WordDiff.Piece]
    }

    /// One difference of a changed fiche.
    public enum Change: Sendable, Equatable {
        /// A field other than the body, with the words that changed (`WordDiff`).
        case field(String, [WordDiff.Piece])
        /// A contact, by its organisation: added, removed, or its fields changed.
        case contactAdded(String)
        case contactRemoved(String)
        case contactChanged(String, [FieldChange])
        /// Only the Markdown of a section changed: its formatting or a link's target.
        case sectionFormatted(String)
        case sectionAdded(String)
        case sectionRemoved(String)
        case sectionChanged(String, [WordDiff.Piece])
    }

    public struct RightCount: Sendable, Equatable {
        public var libelle: String
        public var before: Int
        public var after: Int
    }

    public var previousDate: String?
    public var currentDate: String?
    /// Whether the previous publication gave the fiches' text (`corps`, since version 1 of this tool's open data
    /// gained it): without it, bodies are not compared.
    public var previousHasBodies = true
    public var added: [Fiche] = []
    /// The fiches gone from the site, each with what its address now leads to.
    public var removed: [Fiche] = []
    /// What an address of no live fiche still leads to.
    public enum KeptAddress: Sendable, Equatable {
        /// The fiche that lists it in `anciennes-adresses`.
        case formerAddress(of: String)
        /// The page of a fiche `retirees` declares withdrawn.
        case retired
    }

    /// For each removed fiche's slug, what its address leads to now; nil when nothing.
    public var removedLeadsTo: [String: KeptAddress] = [:]
    public var changed: [Fiche] = []
    public var rights: [RightCount] = []

    /// Former addresses and retired fiches' addresses the previous publication
    /// kept, that now lead nowhere: what they were.
    public var lostAddresses: [(slug: String, was: KeptAddress)] = []

    public var isEmpty: Bool {
        added.isEmpty && removed.isEmpty && changed.isEmpty && rights.isEmpty && lostAddresses.isEmpty
    }

    /// Reads two `fiches.json` documents; a document that is not one is a `BuildError` naming `previousName`.
    public init(previous: Data, current: Data, previousName: String) throws {
        func document(_ data: Data, _ name: String) throws -> [String: Any] {
            guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                object["fiches"] is [[String: Any]], object["droits"] is [[String: Any]]
            else {
                throw BuildError(
                    "\(name) n'est pas un fiches.json publié par fiches (clés « fiches » et « droits » attendues)")
            }
            return object
        }
        let before = try document(previous, previousName)
        let after = try document(current, "le site actuel")
        previousDate = before["genere-le"] as? String
        currentDate = after["genere-le"] as? String

        func fiches(_ document: [String: Any]) -> [String: [String: Any]] {
            Dictionary(
                ((document["fiches"] as? [[String: Any]]) ?? []).compactMap { fiche in
                    (fiche["slug"] as? String).map { ($0, fiche) }
                }, uniquingKeysWith: { first, _ in first })
        }
        func summary(_ slug: String, _ fiche: [String: Any]) -> Fiche {
            Fiche(slug: slug, titre: fiche["titre"] as? String ?? slug, url: fiche["url"] as? String ?? "")
        }
        /// Values compared as canonical JSON, so key order and number spelling do not count.
        func same(_ a: Any?, _ b: Any?) -> Bool {
            guard let a, let b else { return a == nil && b == nil }
            let options: JSONSerialization.WritingOptions = [.sortedKeys, .fragmentsAllowed]
            return (try? JSONSerialization.data(withJSONObject: a, options: options))
                == (try? JSONSerialization.data(withJSONObject: b, options: options))
        }
        let old = fiches(before)
        let new = fiches(after)
        added = new.keys.filter { old[$0] == nil }.sorted().map { summary($0, new[$0]!) }
        removed = old.keys.filter { new[$0] == nil }.sorted().map { summary($0, old[$0]!) }
        let (keptBefore, keptNow) = (Self.kept(before, old), Self.kept(after, new))
        removedLeadsTo = keptNow.filter { slug, _ in removed.contains { $0.slug == slug } }
        // Addresses the previous publication kept alive, gone now.
        lostAddresses = keptBefore.filter { keptNow[$0.key] == nil && new[$0.key] == nil }
            .map { (slug: $0.key, was: $0.value) }.sorted { $0.slug < $1.slug }
        previousHasBodies = old.isEmpty || old.values.contains { $0["corps"] != nil }
        // `url` follows the base URL; a move of the whole site is not a change of every fiche.
        let ignored: Set<String> = previousHasBodies ? ["slug", "url"] : ["slug", "url", "corps"]
        for slug in new.keys.filter({ old[$0] != nil }).sorted() {
            let (a, b) = (old[slug]!, new[slug]!)
            let fields = Set(a.keys).union(b.keys).subtracting(ignored).sorted().filter { !same(a[$0], b[$0]) }
            if !fields.isEmpty {
                var fiche = summary(slug, b)
                fiche.fields = fields
                for field in fields {
                    if field == "corps" {
                        fiche.changes += Self.sections(a["corps"], b["corps"])
                    } else if field == "contacts" {
                        fiche.changes += Self.contacts(a["contacts"], b["contacts"])
                    } else {
                        fiche.changes.append(.field(field, WordDiff.pieces(Self.words(a[field]), Self.words(b[field]))))
                    }
                }
                changed.append(fiche)
            }
        }
        func counts(_ document: [String: Any]) -> [String: (String, Int)] {
            Dictionary(
                ((document["droits"] as? [[String: Any]]) ?? []).compactMap { right in
                    guard let id = right["id"] as? String else { return nil }
                    return (id, (right["libelle"] as? String ?? id, right["fiches"] as? Int ?? 0))
                }, uniquingKeysWith: { first, _ in first })
        }
        let (countsBefore, countsAfter) = (counts(before), counts(after))
        let order =
            ((after["droits"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String }
            + countsBefore.keys.filter { countsAfter[$0] == nil }.sorted()
        rights = order.compactMap { id in
            let was = countsBefore[id]?.1 ?? 0
            let now = countsAfter[id]?.1 ?? 0
            guard was != now else { return nil }
            return RightCount(libelle: countsAfter[id]?.0 ?? countsBefore[id]!.0, before: was, after: now)
        }
    }

    /// The addresses a `fiches.json` keeps alive besides its fiches': their
    /// former ones, and those of the fiches it declares retired.
    static func kept(_ document: [String: Any], _ fiches: [String: [String: Any]]) -> [String: KeptAddress] {
        var kept: [String: KeptAddress] = [:]
        for (slug, fiche) in fiches {
            for former in (fiche["anciennes-adresses"] as? [String]) ?? [] { kept[former] = .formerAddress(of: slug) }
        }
        for retired in (document["retirees"] as? [[String: Any]]) ?? [] {
            if let slug = retired["slug"] as? String { kept[slug] = .retired }
        }
        return kept
    }

    /// A value of `fiches.json` as the words a reader would read: a text as it
    /// is, a list's items one after the other, a labelled term by its label.
    static func words(_ value: Any?) -> [String] {
        switch value {
        case let text as String: return text.split(whereSeparator: \.isWhitespace).map(String.init)
        case let number as NSNumber: return [number.stringValue]
        case let items as [Any]:
            return items.enumerated().flatMap { index, item in (index > 0 ? ["|"] : []) + words(item) }
        case let object as [String: Any]:
            if let label = object["libelle"] as? String { return words(label) }
            return object.keys.sorted().flatMap { words(object[$0]) }
        default: return []
        }
    }

    /// The contacts of two versions, matched by their organisation, each
    /// changed field with its words (the fields the open data withholds are not
    /// there to compare: `masque`).
    static func contacts(_ before: Any?, _ after: Any?) -> [Change] {
        func list(_ value: Any?) -> [(name: String, fields: [String: Any])] {
            ((value as? [[String: Any]]) ?? []).map { ($0["organisation"] as? String ?? "", $0) }
        }
        let (old, new) = (list(before), list(after))
        var changes: [Change] = []
        var matched = Set<Int>()
        for contact in new {
            guard let index = old.indices.first(where: { !matched.contains($0) && old[$0].name == contact.name }) else {
                changes.append(.contactAdded(contact.name))
                continue
            }
            matched.insert(index)
            let keys = Set(old[index].fields.keys).union(contact.fields.keys).subtracting([
                "organisation", "telephone-e164",
            ])
            let fields = keys.sorted().compactMap { key -> FieldChange? in
                let (was, now) = (words(old[index].fields[key]), words(contact.fields[key]))
                return was == now ? nil : FieldChange(name: key, pieces: WordDiff.pieces(was, now))
            }
            if !fields.isEmpty { changes.append(.contactChanged(contact.name, fields)) }
        }
        for (index, contact) in old.enumerated() where !matched.contains(index) {
            changes.append(.contactRemoved(contact.name))
        }
        return changes
    }

    /// The sections of two bodies, matched by their id (the text before the
    /// first heading has none), in the new body's order, then the removed ones.
    static func sections(_ before: Any?, _ after: Any?) -> [Change] {
        func list(_ body: Any?) -> [(key: String, title: String, text: String, markdown: String)] {
            (((body as? [String: Any])?["sections"] as? [[String: Any]]) ?? []).map { section in
                (
                    section["id"] as? String ?? "", section["titre"] as? String ?? "introduction",
                    section["texte"] as? String ?? "", section["markdown"] as? String ?? ""
                )
            }
        }
        let (old, new) = (list(before), list(after))
        var changes: [Change] = []
        for section in new {
            guard let previous = old.first(where: { $0.key == section.key }) else {
                changes.append(.sectionAdded(section.title))
                continue
            }
            if previous.text != section.text {
                changes.append(
                    .sectionChanged(section.title, WordDiff.pieces(words(previous.text), words(section.text))))
            } else if previous.markdown != section.markdown {
                changes.append(.sectionFormatted(section.title))
            }
        }
        for section in old where !new.contains(where: { $0.key == section.key }) {
            changes.append(.sectionRemoved(section.title))
        }
        return changes
    }

    private static func count(_ n: Int, _ singular: String, _ plural: String) -> String {
        "\(n) \(n > 1 ? plural : singular)"
    }

    private static func describe(_ address: KeptAddress) -> String {
        switch address {
        case .formerAddress(let slug): "ancienne adresse de « \(slug) »"
        case .retired: "page de la fiche retirée"
        }
    }

    /// What a removed fiche's address leads to now, or what to do so that it leads somewhere.
    private func leadsTo(_ fiche: Fiche) -> String {
        switch removedLeadsTo[fiche.slug] {
        case .retired?: return "son adresse dit qu'elle est retirée (« retirees » de catalogue.yml)"
        case .formerAddress(let slug)?:
            return "son adresse mène à « \(slug) », qui la garde dans « anciennes-adresses »"
        case nil:
            let renamed = added.first {
                Slug.make(from: $0.titre) == Slug.make(from: fiche.titre) || $0.slug.hasPrefix(fiche.slug)
                    || fiche.slug.hasPrefix($0.slug)
            }
            let hint =
                renamed.map {
                    "si elle est devenue « \($0.slug) », ajoutez « anciennes-adresses: [\(fiche.slug)] » à celle-ci"
                }
                ?? "si elle a changé de nom, ajoutez « anciennes-adresses: [\(fiche.slug)] » à la nouvelle"
            return
                "son adresse mène à une page introuvable : \(hint) ; sinon, déclarez-la dans « retirees » de catalogue.yml"
        }
    }

    /// A change in a sentence, its words shown by `show`.
    private static func describe(_ change: Change, _ show: ([WordDiff.Piece]) -> String) -> String {
        switch change {
        case .field(let name, let pieces): "\(name) : \(show(pieces))"
        case .sectionAdded(let title): "section « \(title) » ajoutée"
        case .sectionRemoved(let title): "section « \(title) » retirée"
        case .sectionChanged(let title, let pieces): "section « \(title) » modifiée : \(show(pieces))"
        case .sectionFormatted(let title): "section « \(title) » : mise en forme ou cible d'un lien modifiée"
        case .contactAdded(let name): "contact « \(name) » ajouté"
        case .contactRemoved(let name): "contact « \(name) » retiré"
        case .contactChanged(let name, let fields):
            "contact « \(name) » modifié : "
                + fields.map { "\($0.name) : \(show($0.pieces))" }.joined(separator: " ; ")
        }
    }

    /// For the terminal.
    public var text: String {
        var lines = [
            "Changements depuis la publication précédente"
                + (previousDate.map { " (données du \($0))" } ?? "") + " :"
        ]
        if !previousHasBodies {
            lines[0] +=
                "\n(la publication précédente ne donnait pas le texte des fiches : leurs corps ne sont pas comparés)"
        }
        if isEmpty { return lines[0] + " aucun.\n" }
        if !added.isEmpty {
            lines.append(Self.count(added.count, "fiche ajoutée :", "fiches ajoutées :"))
            lines += added.map { "  + \($0.slug) — \($0.titre)" }
        }
        if !removed.isEmpty {
            lines.append(Self.count(removed.count, "fiche retirée :", "fiches retirées :"))
            for fiche in removed {
                lines.append("  - \(fiche.slug) — \(fiche.titre)")
                lines.append("      " + leadsTo(fiche))
            }
        }
        if !changed.isEmpty {
            lines.append(Self.count(changed.count, "fiche modifiée :", "fiches modifiées :"))
            for fiche in changed {
                lines.append("  ~ \(fiche.slug) — \(fiche.titre) : \(fiche.fields.joined(separator: ", "))")
                lines += fiche.changes.map { "      " + Self.describe($0, WordDiff.text) }
            }
        }
        if !lostAddresses.isEmpty {
            lines.append(
                Self.count(
                    lostAddresses.count, "adresse qui ne mène plus nulle part :",
                    "adresses qui ne mènent plus nulle part :"))
            lines += lostAddresses.map {
                "  ! fiches/\($0.slug)/ (\(Self.describe($0.was))) : remettez-la dans « anciennes-adresses » ou « retirees »"
            }
        }
        if !rights.isEmpty {
            lines.append("Droits dont le nombre de fiches a changé :")
            lines += rights.map { "  \($0.libelle) : \($0.before) → \($0.after)" }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// For a release note.
    public var markdown: String {
        func link(_ fiche: Fiche) -> String {
            "[\(fiche.titre.replacingOccurrences(of: "[", with: "\\[").replacingOccurrences(of: "]", with: "\\]"))](\(fiche.url))"
        }
        var lines = ["## Changements des fiches" + (previousDate.map { " depuis les données du \($0)" } ?? "")]
        if isEmpty { return (lines + ["", "Aucun changement."]).joined(separator: "\n") + "\n" }
        if !added.isEmpty { lines += ["", "### Ajoutées (\(added.count))", ""] + added.map { "- \(link($0))" } }
        if !removed.isEmpty {
            lines += ["", "### Retirées (\(removed.count))", ""]
            lines += removed.map { "- \($0.titre) (`\($0.slug)`) : \(leadsTo($0))" }
        }
        if !changed.isEmpty {
            lines += ["", "### Modifiées (\(changed.count))", ""]
            for fiche in changed {
                lines.append("- \(link(fiche)) : \(fiche.fields.map { "`\($0)`" }.joined(separator: ", "))")
                lines += fiche.changes.map { "  - " + Self.describe($0, WordDiff.markdown) }
            }
        }
        if !lostAddresses.isEmpty {
            lines += ["", "### Adresses qui ne mènent plus nulle part (\(lostAddresses.count))", ""]
            lines += lostAddresses.map { "- `fiches/\($0.slug)/` (\(Self.describe($0.was)))" }
        }
        if !rights.isEmpty {
            lines +=
                ["", "### Nombre de fiches par droit", "", "| Droit | Avant | Après |", "|---|---|---|"]
                + rights.map { "| \($0.libelle) | \($0.before) | \($0.after) |" }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
