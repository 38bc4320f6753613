internal import Yams

/// Reads a composed YAML tree with positions, collecting French diagnostics
/// for every value that is missing or of the wrong shape.
struct YAMLReader {
    var diagnostics: DiagnosticCollector
    /// Lines of the file before the YAML text (the opening `---` of a fiche).
    let lineOffset: Int
    /// In a fiche, the values still holding what `fiches new` wrote (`Placeholder`),
    /// each described ("texte à compléter « … »"): errors or warnings once the
    /// `statut` is known. Nil in the catalogue.
    var placeholders: [(location: SourceLocation, what: String)]?
    /// The text composed, for the places of block scalars.
    private var yaml: String?

    init(file: String, lineOffset: Int) {
        diagnostics = DiagnosticCollector(file: file)
        self.lineOffset = lineOffset
    }

    /// Composes `yaml`; a syntax error becomes a diagnostic at its place. With
    /// the `keys` of a fiche, a word processor's or keyboard's habit
    /// (`YAMLHabits`) is said instead of the syntax error it causes.
    mutating func compose(_ yaml: String, keys: Set<String>? = nil) -> Node? {
        self.yaml = yaml
        let habits = keys.map { YAMLHabits.find(in: yaml, keys: $0) } ?? []
        let slips = habits.filter { $0.kind == .slip }
        for habit in slips {
            diagnostics.error(habit.message, at: SourceLocation(line: habit.line + lineOffset, column: habit.column))
        }
        if !slips.isEmpty { return nil }
        if let problem = YAMLShape.problem(in: yaml) {
            diagnostics.error(
                problem.message, at: SourceLocation(line: problem.line + lineOffset, column: problem.column))
            return nil
        }
        do {
            // Plain scalars stay strings (`.basic`): every value is read as text and
            // checked here, and Yams' regular expressions for booleans, numbers and
            // dates, run on each key to find duplicates, were a third of reading a fiche.
            // UTF-8 said once: the default reads the whole environment at every parse.
            let root = try Yams.compose(yaml: yaml, .basic, .default, .utf8)
            for habit in habits where habit.kind == .quotedValue {
                diagnostics.warning(
                    habit.message, at: SourceLocation(line: habit.line + lineOffset, column: habit.column))
            }
            return root
        } catch let error as YamlError {
            // Quotes at or before the line where YAML gave up are its cause.
            if let line = error.line,
                let habit = habits.last(where: { $0.cause != nil && $0.line <= line }), let cause = habit.cause
            {
                diagnostics.error(cause, at: SourceLocation(line: habit.line + lineOffset, column: habit.column))
            } else {
                report(error, in: yaml, keys: keys ?? [])
            }
        } catch {
            diagnostics.error("en-tête YAML illisible (\(error))", at: SourceLocation(line: lineOffset + 1, column: 1))
        }
        return nil
    }

    func location(_ node: Node) -> SourceLocation {
        SourceLocation(line: (node.mark?.line ?? 1) + lineOffset, column: node.mark?.column ?? 1)
    }

    mutating func error(_ message: String, at node: Node) {
        diagnostics.error(message, at: location(node))
    }

    /// Notes a value still holding a placeholder, in a fiche: at its text, on
    /// the line after `>-` or `|` for a block.
    mutating func placeholder(_ what: String, at node: Node) {
        var place = location(node)
        if let style = node.scalar?.style, style == .literal || style == .folded,
            let text = yaml?.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(place.line - lineOffset)
                .first
        {
            place = SourceLocation(line: place.line + 1, column: text.prefix { $0 == " " }.count + 1)
        }
        placeholders?.append((place, what))
    }

    mutating func warning(_ message: String, at node: Node) {
        diagnostics.warning(message, at: location(node))
    }

    /// A list of short values, where a single value is read as a list of one,
    /// with a warning: `droits: sante` means `droits: [sante]`.
    mutating func items(_ node: Node, key: String) -> [Node] {
        if let scalar = node.scalar, node.null == nil || scalar.style != .plain,
            !scalar.string.trimmingCharacters(in: .whitespaces).isEmpty
        {
            warning(
                "« \(key) » attend une liste ; « \(scalar.string) » est lu comme une liste d'un élément : "
                    + "écrivez « \(key): [\(scalar.string)] »", at: node)
            return [node]
        }
        return list(node, key: key) ?? []
    }

    /// The pairs of a mapping, keyed by name; unknown keys are errors with a did-you-mean.
    mutating func mapping(_ node: Node, allowed: [String], describe: String) -> [String: Node]? {
        guard let mapping = node.mapping else {
            error("\(describe) doit être un ensemble de clés (\(allowed.joined(separator: ", ")))", at: node)
            return nil
        }
        var values: [String: Node] = [:]
        for (key, value) in mapping {
            guard let name = key.scalar?.string, allowed.contains(name) else {
                let name = key.scalar?.string ?? "?"
                let suggestion = Suggestion.closest(to: name, in: allowed)
                let hint = suggestion.map { " ; vouliez-vous dire « \($0) » ?" }
                error(
                    "clé inconnue « \(name) »" + (hint ?? " ; clés possibles : \(allowed.joined(separator: ", "))"),
                    at: key)
                // The value is still checked, as the key it is most likely meant for,
                // so one misspelling does not also read as a missing key.
                if let suggestion, !mapping.contains(where: { $0.key.scalar?.string == suggestion }) {
                    values[suggestion] = value
                }
                continue
            }
            values[name] = value
        }
        return values
    }

    /// A required value: reports its absence at `place`.
    mutating func required(_ values: [String: Node], _ key: String, at place: Node) -> Node? {
        guard let value = values[key] else {
            error("clé obligatoire « \(key) » manquante", at: place)
            return nil
        }
        return value
    }

    /// A non-empty text (a YAML scalar that is not null).
    mutating func text(_ node: Node, key: String) -> String? {
        guard let scalar = node.scalar else {
            error("« \(key) » doit être un texte", at: node)
            return nil
        }
        let text = scalar.string.trimmingWhitespace
        guard node.null == nil || scalar.style != .plain, !text.isEmpty else {
            error("« \(key) » est vide", at: node)
            return nil
        }
        // Invisible control characters (pasted from another program, or written as "\x01")
        // are errors in HTML and impossible in XML.
        if let control = text.unicodeScalars.first(where: {
            ($0.value < 0x20 && $0 != "\t" && $0 != "\n" && $0 != "\r") || (0x7F...0x9F).contains($0.value)
        }) {
            error(
                "caractère de contrôle invisible U+\(String(format: "%04X", control.value)) dans « \(key) » : supprimez-le",
                at: node)
            return nil
        }
        // Addresses and numbers are compared whole, where they are read (an example domain).
        if placeholders != nil, !["email", "site", "url"].contains(key), Placeholder.isIn(text) {
            placeholder(Placeholder.described(text), at: node)
        }
        return text
    }

    /// A list; its items are returned in order.
    mutating func list(_ node: Node, key: String) -> [Node]? {
        guard let sequence = node.sequence else {
            error("« \(key) » doit être une liste : [a, b] entre crochets, ou une ligne « - » par élément", at: node)
            return nil
        }
        return Array(sequence)
    }

    mutating func texts(_ node: Node, key: String) -> [String] {
        items(node, key: key).compactMap { text($0, key: key) }
    }

    /// Terms of a vocabulary by their ids, each known and none repeated.
    mutating func ids(_ node: Node, key: String, vocabulary: [Term], noun: String, unknown: String) -> [Term] {
        var terms: [Term] = []
        for item in items(node, key: key) {
            guard let id = text(item, key: key),
                let term = term(id, at: item, in: vocabulary, noun: noun, unknown: unknown)
            else {
                continue
            }
            if terms.contains(term) {
                error("\(noun) « \(id) » répété", at: item)
            } else {
                terms.append(term)
            }
        }
        return terms
    }

    /// The term of `vocabulary` that `id` names: as written, or with a warning
    /// when only its case or accents differ; an error with a did-you-mean when
    /// none, which begins with `unknown` (« province inconnue », the adjective agreeing).
    mutating func term(
        _ id: String, at node: Node, in vocabulary: [Term], noun: String, unknown: String, feminine: Bool = false
    ) -> Term? {
        guard let (term, exact) = vocabulary.matching(id) else {
            let ids = vocabulary.map(\.id)
            let separated = id.contains(";") ? " ; séparez les identifiants par des virgules, [a, b]" : ""
            error(
                "\(unknown) « \(id) »"
                    + (Suggestion.closest(to: id, in: ids).map { " ; vouliez-vous dire « \($0) » ?" }
                        ?? separated + " ; identifiants possibles : " + ids.joined(separator: ", ")),
                at: node)
            return nil
        }
        if !exact { readAs(term.id, noun: noun, written: id, feminine: feminine, at: node) }
        return term
    }

    /// The warning for a value read despite its case or accents: `Hainaut`, `Brouillon`.
    mutating func readAs(_ value: String, noun: String, written: String, feminine: Bool, at node: Node) {
        warning(
            feminine
                ? "\(noun) « \(written) » lue comme « \(value) » : écrivez exactement « \(value) »"
                : "\(noun) « \(written) » lu comme « \(value) » : écrivez exactement « \(value) »", at: node)
    }

    private mutating func report(_ error: YamlError, in yaml: String, keys: Set<String>) {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
            let line = mark.line >= 1 && mark.line <= lines.count ? lines[mark.line - 1] : ""
            let indentation = line.prefix { $0 == " " || $0 == "\t" }
            let message =
                indentation.contains("\t")
                ? "tabulation dans l'indentation : en YAML, indentez avec des espaces (deux par niveau)"
                : Self.colonInValue(line, column: mark.column, problem: problem, keys: keys) ?? Self.explain(problem)
            let column =
                indentation.contains("\t")
                ? (indentation.firstIndex(of: "\t").map { line.distance(from: line.startIndex, to: $0) + 1 }
                    ?? mark.column) : mark.column
            diagnostics.error(message, at: SourceLocation(line: mark.line + lineOffset, column: column))
        case .duplicatedKeysInMapping(let keys, let context):
            let key = keys.first ?? "?"
            let first = context.mark
            let again = Self.repeatedKey(key, after: first, in: yaml) ?? (first.line, first.column)
            diagnostics.error(
                "clé « \(key) » en double (déjà donnée ligne \(first.line + lineOffset))",
                at: SourceLocation(line: again.line + lineOffset, column: again.column))
        default:
            diagnostics.error("en-tête YAML illisible (\(error))", at: SourceLocation(line: lineOffset + 1, column: 1))
        }
    }

    /// Where `key` is written again at the same column, after its first place.
    private static func repeatedKey(_ key: String, after first: Mark, in yaml: String) -> (line: Int, column: Int)? {
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        for index in first.line..<lines.count {
            let line = lines[index].unicodeScalars.dropFirst(first.column - 1)
            let rest = String(String.UnicodeScalarView(line))
            if rest.hasPrefix(key + ":") || rest.hasPrefix("\"\(key)\":") || rest.hasPrefix("'\(key)':") {
                return (index + 1, first.column)
            }
        }
        return nil
    }

    /// `titre: Alzheimer café : un lieu`: the line with its value between
    /// straight quotes. When YAML stops at the key's own colon (`column`), the
    /// line is not where its indentation says: that is said instead.
    private static func colonInValue(_ line: Substring, column: Int, problem: String, keys: Set<String>) -> String? {
        guard problem == "mapping values are not allowed in this context",
            let match = line.firstMatch(of: /^( *(?:- +)?)([a-z-]+): *(.*?) *$/), keys.contains(String(match.output.2))
        else { return nil }
        if match.output.1.count + match.output.2.count + 1 == column {
            return "« \(match.output.2): » n'est pas aligné sur les autres clés de son groupe : vérifiez les espaces "
                + "en début de ligne, ici ou à la ligne au-dessus"
        }
        guard let first = match.output.3.first, !"\"'[{".contains(first) else { return nil }
        let corrected = "\(match.output.2): \(YAMLHabits.doubleQuoted(match.output.3))"
        return
            "« : » dans la valeur de « \(match.output.2) » : mettez-la entre guillemets droits ; écrivez « \(corrected) »"
    }

    /// libyaml's English problem, said in French for an editor.
    static func explain(_ problem: String) -> String {
        let known: [String: String] = [
            "mapping values are not allowed in this context":
                "« : » inattendu ; mettez la valeur entre guillemets si elle contient « : »",
            "found character that cannot start any token":
                "caractère inattendu (une tabulation ? indentez avec des espaces)",
            "did not find expected key": "clé attendue (vérifiez l'indentation)",
            "could not find expected ':'": "« : » attendu après la clé",
            "found unexpected end of stream": "fin inattendue de l'en-tête (guillemet non fermé ?)",
            "did not find expected '-' indicator": "« - » attendu (vérifiez l'indentation de la liste)",
            "did not find expected ',' or ']'": "« , » ou « ] » attendu dans la liste entre crochets",
            "did not find expected ',' or '}'": "« , » ou « } » attendu entre accolades",
            "found undefined alias": "alias YAML non défini",
            "did not find expected node content": "valeur attendue",
        ]
        if problem.hasPrefix("Maximum nesting level reached") {
            return "syntaxe YAML : imbrication trop profonde de listes ou de clés"
        }
        return "syntaxe YAML : " + (known[problem] ?? problem)
    }
}

extension YamlError {
    /// The 1-based line of a syntax error in the YAML text.
    fileprivate var line: Int? {
        switch self {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
        default: nil
        }
    }
}
