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
    }

    public struct RightCount: Sendable, Equatable {
        public var libelle: String
        public var before: Int
        public var after: Int
    }

    public var previousDate: String?
    public var currentDate: String?
    public var added: [Fiche] = []
    public var removed: [Fiche] = []
    public var changed: [Fiche] = []
    public var rights: [RightCount] = []

    public var isEmpty: Bool { added.isEmpty && removed.isEmpty && changed.isEmpty && rights.isEmpty }

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
        // `url` follows the base URL; a move of the whole site is not a change of every fiche.
        let ignored: Set<String> = ["slug", "url"]
        for slug in new.keys.filter({ old[$0] != nil }).sorted() {
            let (a, b) = (old[slug]!, new[slug]!)
            let fields = Set(a.keys).union(b.keys).subtracting(ignored).sorted().filter { !same(a[$0], b[$0]) }
            if !fields.isEmpty {
                var fiche = summary(slug, b)
                fiche.fields = fields
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

    private static func count(_ n: Int, _ singular: String, _ plural: String) -> String {
        "\(n) \(n > 1 ? plural : singular)"
    }

    /// For the terminal.
    public var text: String {
        var lines = [
            "Changements depuis la publication précédente"
                + (previousDate.map { " (données du \($0))" } ?? "") + " :"
        ]
        if isEmpty { return lines[0] + " aucun.\n" }
        if !added.isEmpty {
            lines.append(Self.count(added.count, "fiche ajoutée :", "fiches ajoutées :"))
            lines += added.map { "  + \($0.slug) — \($0.titre)" }
        }
        if !removed.isEmpty {
            lines.append(Self.count(removed.count, "fiche retirée :", "fiches retirées :"))
            lines += removed.map { "  - \($0.slug) — \($0.titre)" }
        }
        if !changed.isEmpty {
            lines.append(Self.count(changed.count, "fiche modifiée :", "fiches modifiées :"))
            lines += changed.map { "  ~ \($0.slug) — \($0.titre) : \($0.fields.joined(separator: ", "))" }
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
            "[\(fiche.titre.replacingOccurrences(of: "]", with: "\\]"))](\(fiche.url))"
        }
        var lines = ["## Changements des fiches" + (previousDate.map { " depuis les données du \($0)" } ?? "")]
        if isEmpty { return (lines + ["", "Aucun changement."]).joined(separator: "\n") + "\n" }
        if !added.isEmpty { lines += ["", "### Ajoutées (\(added.count))", ""] + added.map { "- \(link($0))" } }
        if !removed.isEmpty {
            lines += ["", "### Retirées (\(removed.count))", ""] + removed.map { "- \($0.titre) (`\($0.slug)`)" }
        }
        if !changed.isEmpty {
            lines +=
                ["", "### Modifiées (\(changed.count))", ""]
                + changed.map { "- \(link($0)) : \($0.fields.map { "`\($0)`" }.joined(separator: ", "))" }
        }
        if !rights.isEmpty {
            lines +=
                ["", "### Nombre de fiches par droit", "", "| Droit | Avant | Après |", "|---|---|---|"]
                + rights.map { "| \($0.libelle) | \($0.before) | \($0.after) |" }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
