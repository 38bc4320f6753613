internal import Yams

/// Writes a fiche's front matter the way `fiches new` does: the title in double
/// quotes, the summary as a folded block, lists between brackets, contacts and
/// links as blocks, one key per line. Every value is written plain only when
/// YAML reads it back as exactly that text, and in double quotes otherwise.
public enum FrontMatterWriter {
    /// What `fiches new` says above each key, for the editor writing by hand:
    /// how to use an optional key when it is `present` or commented out, and,
    /// above an `example` contact, not to keep it.
    static func guidance(_ key: String, catalogue: Catalogue, present: Bool = false, example: Bool = true) -> [String] {
        func ids(_ terms: [Term]) -> String { terms.map(\.id).joined(separator: ", ") }
        return switch key {
        case "titre": [titreGuidance]
        case "resume": ["# Obligatoire : texte simple, 400 caractères au plus ; il apparaît dans les listes."]
        case "droits":
            [
                "# Obligatoire : le premier droit est le droit principal ; ajoutez-en d'autres après une virgule.",
                "# Identifiants possibles : \(ids(catalogue.droits)).",
            ]
        case "publics":
            [
                "# Facultatif : les publics visés, en toutes lettres."
                    + (present ? "" : " Retirez le « # » pour l'utiliser.")
            ]
        case "porteurs": ["# Facultatif : qui porte la pratique : \(ids(catalogue.porteurs))."]
        case "territoire": ["# Facultatif : la province (\(ids(catalogue.provinces))) et les communes."]
        case "contacts":
            example
                ? [
                    "# Obligatoire : au moins un contact, avec son organisation et au moins un courriel,",
                    "# un téléphone (065 12 34 56) ou un site (https://…). N'inventez jamais un contact :",
                    "# remplacez celui-ci, qui n'est qu'un exemple.",
                ]
                : [
                    "# Obligatoire : au moins un contact, avec son organisation et au moins un courriel,",
                    "# un téléphone (065 12 34 56) ou un site (https://…). N'inventez jamais un contact.",
                ]
        case "liens": ["# Facultatif : des liens utiles, en http:// ou https://."]
        case "mise-a-jour": ["# Obligatoire : la date de la dernière mise à jour, AAAA-MM-JJ."]
        case "statut": ["# Tant que cette ligne est là, la fiche n'est pas publiée."]
        default: []
        }
    }

    static let titreGuidance = "# Obligatoire : de 5 à 200 caractères."

    /// The examples `fiches new` leaves commented out where a value is optional,
    /// for the editor to uncomment: a key's (`# publics: [À compléter]`), and a
    /// contact's or territory's keys (`# nom: Prénom Nom`).
    struct Hints {
        var top: [String: [String]]
        var contact: [String: String]
        var communes: String?

        static let none = Hints(top: [:], contact: [:], communes: nil)

        /// A key's example only: a form has a field for each of a contact's keys.
        static func keys(_ catalogue: Catalogue) -> Hints {
            Hints(top: scaffold(catalogue).top, contact: [:], communes: nil)
        }

        static func scaffold(_ catalogue: Catalogue) -> Hints {
            let todo = Placeholder.text
            return Hints(
                top: [
                    "publics": ["# publics: [\(todo)]"],
                    "porteurs": ["# porteurs: [\(catalogue.porteurs.first?.id ?? "pcs")]"],
                    "territoire": [
                        "# territoire:", "#   province: \(catalogue.provinces.first?.id ?? "hainaut")",
                        "#   communes: [\(todo)]",
                    ],
                    "liens": [
                        "# liens:", "#   - titre: \(todo), le titre du lien",
                        "#     url: \(Placeholder.site)/la-page",
                    ],
                ],
                contact: [
                    "nom": Placeholder.person, "fonction": todo, "telephone": "\(todo), au format 065 12 34 56",
                    "site": Placeholder.site, "adresse": todo,
                ],
                communes: "[\(todo)]")
        }
    }

    /// A whole front matter, `---` lines included, as `fiches new` lays it out:
    /// `header` comments, then each key under its guidance, a blank line apart.
    static func frontMatter(
        _ values: FicheValues, header: [String], catalogue: Catalogue, hints: Hints
    ) -> String {
        var blocks = [header]
        // `fiches new`'s contact is an example; a form's contacts are real.
        let example = !hints.contact.isEmpty
        for key in FicheValues.keys {
            if let lines = lines(key, of: values, hints: hints) {
                blocks.append(guidance(key, catalogue: catalogue, present: true, example: example) + lines)
            } else if let hint = hints.top[key] {
                blocks.append(guidance(key, catalogue: catalogue, example: example) + hint)
            }
        }
        return "---\n" + blocks.map { $0.joined(separator: "\n") + "\n" }.joined(separator: "\n") + "---\n"
    }

    /// The lines of `key`'s value in `values` (`key: value` and what follows
    /// it), nil when the key is better left out (an optional value left empty).
    static func lines(_ key: String, of values: FicheValues, hints: Hints = .none) -> [String]? {
        switch key {
        case "titre": return ["titre: \(quoted(values.titre))"]
        case "resume":
            let resume = values.resume
            let folds =
                !resume.isEmpty && !resume.contains(where: \.isNewline) && resume.first?.isWhitespace == false
                && resume.last?.isWhitespace == false
                && reads("resume: >-\n  \(resume)", as: resume)
            guard folds else { return ["resume: \(quoted(resume))"] }
            // On lines of 80 characters at most, as an editor wraps it, when YAML folds them back into the same text.
            let wrapped = wrap(resume, width: 78).map { "  \($0)" }
            return ["resume: >-"]
                + (wrapped.count > 1 && reads("resume: >-\n" + wrapped.joined(separator: "\n"), as: resume)
                    ? wrapped : ["  \(resume)"])
        case "droits": return ["droits: \(flow(values.droits))"]
        case "publics": return values.publics.isEmpty ? nil : ["publics: \(flow(values.publics))"]
        case "porteurs": return values.porteurs.isEmpty ? nil : ["porteurs: \(flow(values.porteurs))"]
        case "territoire":
            if values.province.isEmpty, values.communes.isEmpty { return nil }
            var lines = ["territoire:"]
            if !values.province.isEmpty { lines.append("  province: \(scalar(values.province))") }
            if !values.communes.isEmpty {
                lines.append("  communes: \(flow(values.communes))")
            } else if let hint = hints.communes {
                lines.append("  # communes: \(hint)")
            }
            return lines
        case "contacts":
            guard !values.contacts.isEmpty else { return ["contacts: []"] }
            var lines = ["contacts:"]
            for contact in values.contacts {
                var first = true
                for field in FicheValues.ContactValues.keys {
                    let value = contact[field]
                    let indent = first ? "  - " : "    "
                    // The organisation is always written, so that its absence is said at its line.
                    if !value.isEmpty || field == "organisation" {
                        lines.append("\(indent)\(field): \(scalar(value))")
                        first = false
                    } else if let hint = hints.contact[field], !first {
                        lines.append("    # \(field): \(hint)")
                    }
                }
            }
            return lines
        case "liens":
            guard !values.liens.isEmpty else { return nil }
            return ["liens:"]
                + values.liens.flatMap { ["  - titre: \(scalar($0.titre))", "    url: \(scalar($0.url))"] }
        case "mise-a-jour": return ["mise-a-jour: \(scalar(values.miseAJour))"]
        case "statut":
            return values.statut == Fiche.Statut.publie.rawValue ? nil : ["statut: \(scalar(values.statut))"]
        default: return nil
        }
    }

    /// `text` cut at spaces into lines of at most `width` characters (a longer word alone on its line).
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            if !line.isEmpty, line.count + 1 + word.count > width {
                lines.append(line)
                line = String(word)
            } else {
                line = line.isEmpty ? String(word) : "\(line) \(word)"
            }
        }
        return lines + [line]
    }

    // MARK: Scalars

    /// `text` in double quotes, with YAML's escapes for what cannot be written as is.
    static func quoted(_ text: String) -> String {
        var quoted = "\""
        for character in text.unicodeScalars {
            switch character {
            case "\\": quoted += "\\\\"
            case "\"": quoted += "\\\""
            case "\n": quoted += "\\n"
            case "\t": quoted += "\\t"
            case "\r": quoted += "\\r"
            case "\u{85}": quoted += "\\N"
            case "\u{2028}": quoted += "\\L"
            case "\u{2029}": quoted += "\\P"
            default:
                if character.value < 0x20 || (0x7F...0x9F).contains(character.value) || character == "\u{FEFF}" {
                    quoted += "\\x" + String(character.value, radix: 16, uppercase: true).leftPadded(to: 2)
                } else {
                    quoted.unicodeScalars.append(character)
                }
            }
        }
        return quoted + "\""
    }

    /// `text` plain when YAML reads it back as itself in a block mapping, quoted otherwise.
    static func scalar(_ text: String) -> String {
        plainIsSafe(text, inFlow: false) && reads("k: \(text)", as: text) ? text : quoted(text)
    }

    /// `[a, b]`, each item plain when it reads back as itself in a flow sequence.
    static func flow(_ items: [String]) -> String {
        "["
            + items.map { plainIsSafe($0, inFlow: true) && reads("k: [\($0)]", as: $0) ? $0 : quoted($0) }
            .joined(separator: ", ") + "]"
    }

    /// What no YAML reader should read as anything but this text: not empty,
    /// no indicator first, no comment or key inside, no value another reader
    /// would take for a number, a boolean or null.
    private static func plainIsSafe(_ text: String, inFlow: Bool) -> Bool {
        guard let first = text.first, let last = text.last, !first.isWhitespace, !last.isWhitespace,
            !"-?:,[]{}#&*!|>'\"%@`".contains(first), last != ":",
            !text.contains(where: { $0.isNewline || $0 == "\t" }),
            !text.contains(": "), !text.contains(" #"),
            !inFlow || !text.contains(where: { ",[]{}".contains($0) })
        else { return false }
        let lower = text.lowercased()
        if ["true", "false", "yes", "no", "on", "off", "y", "n", "null", "~"].contains(lower) { return false }
        return Double(text) == nil && Int(text) == nil
            && !text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }
    }

    /// Whether `yaml` (one key) holds `text` as its value, or as its list's only item.
    private static func reads(_ yaml: String, as text: String) -> Bool {
        guard let root = try? Yams.compose(yaml: yaml, .basic, .default, .utf8),
            let value = root.mapping?.first?.value
        else { return false }
        if let sequence = value.sequence { return sequence.count == 1 && sequence.first?.scalar?.string == text }
        return value.scalar?.string == text
    }
}

extension String {
    fileprivate func leftPadded(to count: Int) -> String {
        String(repeating: "0", count: Swift.max(0, count - self.count)) + self
    }
}
