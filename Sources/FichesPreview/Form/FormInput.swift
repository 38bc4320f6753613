import FichesCore
import Hummingbird

/// What the form sends, as a browser encodes it (`application/x-www-form-urlencoded`):
/// checked boxes as `droits[]`, a contact's fields as `contacts-0-email`.
struct FormInput: Decodable {
    /// Each text field by its name.
    var texts: [String: String] = [:]
    /// The checked boxes of `droits[]` and `porteurs[]`.
    var droits: [String] = []
    var porteurs: [String] = []

    private struct Name: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Name.self)
        for key in container.allKeys {
            switch key.stringValue {
            case "droits": droits = try container.decode([String].self, forKey: key)
            case "porteurs": porteurs = try container.decode([String].self, forKey: key)
            default: texts[key.stringValue] = try container.decodeIfPresent(String.self, forKey: key) ?? ""
            }
        }
    }

    var jeton: String? { texts["jeton"] }
    var version: String? { texts["version"] }
    var action: String? { texts["action"] }
    var corps: String? { texts["corps"] }

    /// The values as the form holds them, blocks in their order, blank ones
    /// included. Ticked boxes and listed items keep the order and the items of
    /// `original` (the file the form was opened on): the form's order of boxes
    /// and a comma in a public are not changes.
    func values(keepingOrderOf original: FicheValues? = nil) -> FicheValues {
        /// One per line; a new line may also list several, separated by commas, as `[a, b]` does.
        func items(_ name: String, kept: [String]) -> [String] {
            (texts[name] ?? "").split(whereSeparator: \.isNewline).flatMap { line -> [String] in
                let item = line.trimmingCharacters(in: .whitespaces)
                return kept.contains(item) ? [item] : line.split(separator: ",").map(String.init)
            }
        }
        /// `chosen`, those `kept` has first in its order, then the others in theirs.
        func ordered(_ chosen: [String], kept: [String]) -> [String] {
            kept.filter(chosen.contains) + chosen.filter { !kept.contains($0) }
        }
        /// The numbers of the blocks named `contacts-<n>-…`, in order.
        func blocks(_ name: String) -> [Int] {
            Set(
                texts.keys.compactMap { key -> Int? in
                    let parts = key.split(separator: "-")
                    return parts.count == 3 && parts[0] == name ? Int(parts[1]) : nil
                }
            ).sorted()
        }
        var values = FicheValues()
        values.titre = texts["titre"] ?? ""
        values.resume = texts["resume"] ?? ""
        let principal = texts["droit-principal"] ?? ""
        let others = ordered(droits.filter { $0 != principal }, kept: Array((original?.droits ?? []).dropFirst()))
        values.droits = (principal.isEmpty ? [] : [principal]) + others
        values.publics = items("publics", kept: original?.publics ?? [])
        values.porteurs = ordered(porteurs, kept: original?.porteurs ?? [])
        values.province = texts["province"] ?? ""
        values.communes = items("communes", kept: original?.communes ?? [])
        values.contacts = blocks("contacts").map { number in
            var contact = FicheValues.ContactValues()
            for key in FicheValues.ContactValues.keys { contact[key] = texts["contacts-\(number)-\(key)"] ?? "" }
            return contact
        }
        values.liens = blocks("liens").map {
            FicheValues.LienValues(titre: texts["liens-\($0)-titre"] ?? "", url: texts["liens-\($0)-url"] ?? "")
        }
        values.miseAJour = texts["mise-a-jour"] ?? ""
        values.statut = texts["statut"] ?? Fiche.Statut.brouillon.rawValue
        return values
    }
}

/// What every request to the form must show before it is answered: that it
/// was sent to the preview by its own address (not a name of another site
/// that leads to 127.0.0.1), and, when it changes something, that it comes from
/// a page of the preview (its `Origin`, or else its `Referer`) with the token
/// those pages carry. A page of another site can make the browser send a
/// form, but it cannot read the token nor set those headers.
enum Gate {
    static let hosts: Set<String> = ["127.0.0.1", "localhost", "[::1]"]

    /// Nil when the request comes from the preview's own pages: sent to its
    /// address and, when it changes something, from its origin; otherwise the
    /// refusal, in French.
    static func foreign(_ request: Request) -> Response? {
        let host = request.headers[HTTPFields.Element.Name("Host")!] ?? request.head.authority
        let name = host.map { $0.hasPrefix("[") ? $0.prefix { $0 != "]" } + "]" : String($0.prefix { $0 != ":" }) }
        guard let host, let name, hosts.contains(name) else {
            return Editor.message(
                .forbidden, "Adresse refusée",
                "Le formulaire ne répond qu'à l'adresse de l'aperçu, http://127.0.0.1 : ouvrez-le depuis l'aperçu.")
        }
        guard request.method != .get, request.method != .head else { return nil }
        let sameOrigin: Bool
        if let origin = request.headers[.origin] {
            sameOrigin = origin == "http://\(host)"
        } else if let referer = request.headers[.referer] {
            sameOrigin = referer.hasPrefix("http://\(host)/")
        } else {
            sameOrigin = false
        }
        guard sameOrigin else {
            return Editor.message(
                .forbidden, "Envoi refusé",
                "Ce formulaire ne vient pas d'une page de l'aperçu : rien n'a été enregistré. Rouvrez la fiche depuis "
                    + "l'aperçu, puis enregistrez à nouveau.")
        }
        return nil
    }

    /// Whether `token` is this session's, compared in constant time.
    static func matches(_ token: String?, _ expected: String) -> Bool {
        guard let token, token.utf8.count == expected.utf8.count else { return false }
        return zip(token.utf8, expected.utf8).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// The refusal of a form whose token is not this session's (the preview was restarted).
    static func stale(_ token: String?, _ expected: String) -> Response? {
        matches(token, expected)
            ? nil
            : Editor.message(
                .forbidden, "Envoi refusé",
                "L'aperçu a été relancé depuis l'ouverture de ce formulaire : rechargez la page, rien n'a été enregistré."
            )
    }
}
