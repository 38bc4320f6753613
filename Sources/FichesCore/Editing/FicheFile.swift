import Foundation
internal import Yams

/// A fiche's file as the preview's form edits it. Saving changes only the
/// keys whose value changed, each written as `fiches new` writes it, in place:
/// comments, blank lines, keys the form does not know and the body (unless it
/// was edited) stay byte for byte. What cannot be kept makes the save refused.
public struct FicheFile: Sendable {
    /// Why the form cannot open a file, or cannot save what it was given without losing something.
    public struct Refusal: Error, Equatable, Sendable {
        public var message: String
        /// The line of the file it is about, when there is one.
        public var line: Int?
    }

    /// The values of the front matter, as the form shows them.
    public private(set) var values: FicheValues
    /// The body, with Unix line ends.
    public private(set) var body: String

    /// A top-level key of the front matter and the lines it takes (0-based in `lines`).
    private struct Segment {
        var key: String
        var lines: ClosedRange<Int>
        /// Comments inside its value that are not `fiches new`'s examples, with their line.
        var comments: [(text: String, line: Int)]
        /// Why the form cannot show this value as it is written, when it cannot.
        var unformable: (reason: String, line: Int)?
    }

    private let bom: Bool
    private let crlf: Bool
    /// The front matter's lines, between the `---` lines (excluded).
    private let lines: [String]
    private let opening: String
    private let closing: String
    /// The body as it is in the file, line ends and all.
    private let rawBody: String
    private let segments: [Segment]
    /// Whether the file has `fiches new`'s guidance comments: keys added get theirs too.
    private let guided: Bool

    /// Reads a fiche's bytes; a refusal when its front matter cannot be shown in the form.
    public init(bytes: Data) throws(Refusal) {
        var data = bytes
        bom = data.starts(with: [0xEF, 0xBB, 0xBF])
        if bom { data = data.dropFirst(3) }
        guard let text = String(data: data, encoding: .utf8) else {
            throw Refusal(message: "le fichier n'est pas en UTF-8 : le formulaire ne peut pas l'ouvrir", line: nil)
        }
        crlf = text.contains("\r\n")
        let normalised = crlf ? text.replacing("\r\n", with: "\n") : text
        let parts: FrontMatter
        switch FrontMatter.split(normalised) {
        case .success(let split): parts = split
        case .failure(let error): throw Refusal(message: error.message, line: 1)
        }
        let allLines = normalised.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        opening = allLines[0]
        closing = allLines[parts.bodyLineOffset - 1]
        lines =
            parts.yaml.isEmpty
            ? [] : parts.yaml.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // The body as the file has it: its lines after the closing `---`, `\r` kept.
        // By bytes: "\r\n" is one `Character`, which a split on "\n" would not cut.
        let rawLines = text.utf8.split(separator: 10, omittingEmptySubsequences: false)
        rawBody = String(
            decoding: Array(rawLines.dropFirst(parts.bodyLineOffset).joined(separator: [10])), as: UTF8.self)
        body = parts.body
        guided = lines.contains(FrontMatterWriter.titreGuidance)

        var values = FicheValues()
        var segments: [Segment] = []
        if !parts.yaml.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            let root: Node?
            do {
                root = try Yams.compose(yaml: parts.yaml, .basic, .default, .utf8)
            } catch {
                throw Refusal(message: "l'en-tête YAML a une erreur de syntaxe", line: nil)
            }
            guard let mapping = root?.mapping else {
                throw Refusal(message: "l'en-tête YAML n'est pas un ensemble de clés", line: 2)
            }
            let pairs = mapping.map { $0 }.sorted { ($0.key.mark?.line ?? 0) < ($1.key.mark?.line ?? 0) }
            for (index, pair) in pairs.enumerated() {
                let start = (pair.key.mark?.line ?? 1) - 1
                var end = index + 1 < pairs.count ? (pairs[index + 1].key.mark?.line ?? 1) - 2 : lines.count - 1
                while end > start, lines[end].trimmingCharacters(in: .whitespaces).isEmpty || lines[end].hasPrefix("#")
                {
                    end -= 1
                }
                let key = pair.key.scalar?.string ?? ""
                var segment = Segment(key: key, lines: start...end, comments: [], unformable: nil)
                segment.unformable = Self.read(key, pair.value, into: &values)
                segment.comments = Self.comments(in: lines, start...end, value: pair.value)
                segments.append(segment)
            }
        }
        self.values = values
        self.segments = segments
    }

    // MARK: Reading

    /// Reads the value of `key` into `values`; why the form cannot show it, when it cannot.
    private static func read(_ key: String, _ node: Node, into values: inout FicheValues) -> (String, Int)? {
        let line = node.mark?.line ?? 1
        func text(_ node: Node) -> String? {
            guard let scalar = node.scalar else { return nil }
            return node.null != nil && scalar.style == .plain ? "" : scalar.string
        }
        func texts(_ node: Node) -> [String]? {
            if let single = text(node) { return single.isEmpty ? [] : [single] }
            guard let sequence = node.sequence else { return nil }
            let items = sequence.map(text)
            return items.contains(nil) ? nil : items.compactMap { $0 }
        }
        /// The texts of a mapping's keys of `allowed`; and whether it has anything else.
        func fields(_ node: Node, allowed: [String]) -> (fields: [String: String], complete: Bool) {
            guard let mapping = node.mapping else { return ([:], false) }
            var fields: [String: String] = [:]
            var complete = true
            for (key, value) in mapping {
                if let name = key.scalar?.string, allowed.contains(name), let value = text(value) {
                    fields[name] = value
                } else {
                    complete = false
                }
            }
            return (fields, complete)
        }
        let shape = "est écrite sous une forme que le formulaire ne sait pas montrer"
        switch key {
        case "titre", "resume", "mise-a-jour", "statut":
            guard let value = text(node) else { return ("la valeur de « \(key) » \(shape)", line) }
            switch key {
            case "titre": values.titre = value
            case "resume": values.resume = value
            case "mise-a-jour": values.miseAJour = value
            default: values.statut = value
            }
        case "droits", "publics", "porteurs":
            guard let items = texts(node) else { return ("la liste « \(key) » \(shape)", line) }
            switch key {
            case "droits": values.droits = items
            case "publics": values.publics = items
            default: values.porteurs = items
            }
        case "territoire":
            if text(node) == "" { return nil }
            guard let mapping = node.mapping else { return ("« territoire » \(shape)", line) }
            var complete = true
            for (key, value) in mapping {
                switch key.scalar?.string {
                case "province": if let province = text(value) { values.province = province } else { complete = false }
                case "communes": if let communes = texts(value) { values.communes = communes } else { complete = false }
                default: complete = false
                }
            }
            if !complete { return ("« territoire » a une clé ou une valeur que le formulaire ne connaît pas", line) }
        case "contacts", "liens":
            if text(node) == "" { return nil }
            guard let items = node.sequence else { return ("la liste « \(key) » \(shape)", line) }
            var problem: (String, Int)?
            for (number, item) in items.enumerated() {
                let (fields, complete) = fields(item, allowed: FicheValues.blockKeys(key))
                if !complete, problem == nil {
                    let what = key == "contacts" ? "le contact \(number + 1)" : "le lien \(number + 1)"
                    problem = (
                        "\(what) a une clé ou une valeur que le formulaire ne connaît pas", item.mark?.line ?? line
                    )
                }
                if key == "contacts" {
                    var contact = FicheValues.ContactValues()
                    for (field, value) in fields { contact[field] = value }
                    values.contacts.append(contact)
                } else {
                    values.liens.append(FicheValues.LienValues(titre: fields["titre"] ?? "", url: fields["url"] ?? ""))
                }
            }
            return problem
        default:
            break
        }
        return nil
    }

    /// The comments inside a key's lines that are not examples `fiches new`
    /// wrote (`# nom: Prénom Nom`): a `#` after a space or at a line's start
    /// that no text of the value contains.
    private static func comments(in lines: [String], _ range: ClosedRange<Int>, value: Node) -> [(String, Int)] {
        var texts: [String] = []
        func collect(_ node: Node) {
            switch node {
            case .scalar(let scalar): texts.append(scalar.string)
            case .mapping(let mapping): for (key, value) in mapping { collect(key); collect(value) }
            case .sequence(let sequence): for item in sequence { collect(item) }
            case .alias: break
            }
        }
        collect(value)
        var found: [(String, Int)] = []
        for index in range {
            let line = lines[index]
            var searchFrom = line.startIndex
            while let hash = line[searchFrom...].firstIndex(of: "#") {
                searchFrom = line.index(after: hash)
                guard hash == line.startIndex || line[line.index(before: hash)].isWhitespace else { continue }
                let comment = String(line[hash...])
                if texts.contains(where: { $0.contains(comment.trimmingCharacters(in: .whitespaces)) }) { continue }
                if !isExample(comment) { found.append((comment, index)) }
                break
            }
        }
        return found
    }

    /// `# nom: Prénom Nom`, `# communes: [À compléter]`: a key of a fiche commented out with an example value.
    static func isExample(_ comment: String) -> Bool {
        let text = comment.drop { $0 == "#" || $0 == " " }
        guard let colon = text.firstIndex(of: ":") else { return false }
        let key = text[..<colon].trimmingCharacters(in: CharacterSet(charactersIn: "- "))
        guard Fiche.yamlKeys.contains(key) else { return false }
        let value = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        return value.isEmpty || Placeholder.isIn(value.trimmingCharacters(in: CharacterSet(charactersIn: "[]")))
            || [Placeholder.email, Placeholder.site, Placeholder.person].contains { value.contains($0) }
    }

    // MARK: Saving

    /// The file with `values` and `body`: each key whose value changed written
    /// again, in place (or where `fiches new` puts it, when it is new), and
    /// everything else as it was. Refused when a changed value holds a comment
    /// or something the form cannot show, since writing it again would lose it.
    public func saving(_ newValues: FicheValues, body newBody: String, catalogue: Catalogue) throws(Refusal) -> Data {
        let newBody = newBody.replacing("\r\n", with: "\n")
        let hints = FrontMatterWriter.Hints.scaffold(catalogue)
        // Edits as (first line, lines replaced, new lines), applied from the last up.
        var edits: [(at: Int, count: Int, lines: [String], order: Int)] = []
        for (order, key) in FicheValues.keys.enumerated() where !newValues.same(key, as: values) {
            let written = FrontMatterWriter.lines(key, of: newValues)
            if let segment = segments.first(where: { $0.key == key }) {
                if let (reason, line) = segment.unformable {
                    throw Refusal(
                        message: "\(reason) (ligne \(line + 1)) : le formulaire ne peut pas la remplacer sans la "
                            + "perdre ; corrigez-la dans le fichier", line: line + 1)
                }
                if let comment = segment.comments.first {
                    throw Refusal(
                        message: "le commentaire « \(comment.text) » (ligne \(comment.line + 2)) est dans "
                            + "« \(key) », que vous avez modifié : le formulaire ne peut pas le garder ; déplacez-le "
                            + "au-dessus de la ligne « \(key): » dans le fichier, puis enregistrez à nouveau",
                        line: comment.line + 2)
                }
                var start = segment.lines.lowerBound
                var replacement = written ?? []
                if written == nil {
                    if guided, let hint = hints.top[key] {
                        // Removed, as `fiches new` leaves an optional key: its example commented out.
                        replacement = hint
                    } else {
                        // With what `fiches new` says above it (« Tant que cette ligne est là… »).
                        let guidance = FrontMatterWriter.guidance(key, catalogue: catalogue, present: true)
                        if start >= guidance.count, Array(lines[(start - guidance.count)..<start]) == guidance {
                            start -= guidance.count
                        }
                        let end = segment.lines.upperBound
                        if start > 0, lines[start - 1].isEmpty, end + 1 == lines.count || lines[end + 1].isEmpty {
                            start -= 1
                        }
                    }
                }
                edits.append((start, segment.lines.upperBound - start + 1, replacement, order))
            } else if let written {
                if let hint = hint(for: key, hints: hints) {
                    edits.append((hint.lowerBound, hint.count, written, order))
                } else {
                    // After the key that comes before it in `fiches new`'s order, or first.
                    let before = FicheValues.keys.prefix(order).reversed().compactMap { key in
                        segments.first { $0.key == key }
                    }.first
                    let at = before.map { $0.lines.upperBound + 1 } ?? 0
                    let added =
                        guided && at > 0
                        ? [""] + FrontMatterWriter.guidance(key, catalogue: catalogue, present: true, example: false)
                            + written : written
                    edits.append((at, 0, added, order))
                }
            }
        }
        // The guidance above a key that comes or goes says how to use it then
        // (« Retirez le « # » pour l'utiliser. » only above an example).
        edits = edits.map { edit in
            let key = FicheValues.keys[edit.order]
            let commented = FrontMatterWriter.guidance(key, catalogue: catalogue)
            let used = FrontMatterWriter.guidance(key, catalogue: catalogue, present: true)
            guard commented != used, edit.at >= commented.count else { return edit }
            let above = Array(lines[(edit.at - commented.count)..<edit.at])
            let present = FrontMatterWriter.lines(key, of: newValues) != nil
            guard above == (present ? commented : used) else { return edit }
            return (
                edit.at - commented.count, edit.count + commented.count, (present ? used : commented) + edit.lines,
                edit.order
            )
        }
        var result = lines
        for edit in edits.sorted(by: { ($0.at, $0.order) > ($1.at, $1.order) }) {
            result.replaceSubrange(edit.at..<(edit.at + edit.count), with: edit.lines)
        }
        let newline = crlf ? "\r\n" : "\n"
        let front = ([opening] + result + [closing]).joined(separator: newline) + newline
        let bodyText = newBody == body ? rawBody : crlf ? newBody.replacing("\n", with: "\r\n") : newBody
        return (bom ? Data([0xEF, 0xBB, 0xBF]) : Data()) + Data((front + bodyText).utf8)
    }

    /// The lines of `fiches new`'s commented-out example for a top-level key,
    /// outside every key's lines: one line (`# publics: [À compléter]`), or the
    /// very lines `fiches new` writes (`# territoire:` and those under it).
    private func hint(for key: String, hints: FrontMatterWriter.Hints) -> Range<Int>? {
        for (index, line) in lines.enumerated() where line.hasPrefix("# \(key):") {
            guard !segments.contains(where: { $0.lines.contains(index) }) else { continue }
            if let hint = hints.top[key], hint.count > 1, Array(lines[index...].prefix(hint.count)) == hint {
                return index..<(index + hint.count)
            }
            if Self.isExample(line) || hints.top[key] == [line] { return index..<(index + 1) }
        }
        return nil
    }

    // MARK: A new fiche

    /// The text of a new fiche, as `fiches new` lays it out: `header` comments,
    /// each key under its guidance, an example commented out for each optional
    /// key left empty (and, with `examples`, for each key of a contact), then the body.
    public static func newText(
        _ values: FicheValues, body: String, header: [String], catalogue: Catalogue, examples: Bool = false
    ) -> String {
        FrontMatterWriter.frontMatter(
            values, header: header, catalogue: catalogue, hints: examples ? .scaffold(catalogue) : .keys(catalogue))
            + body.replacing("\r\n", with: "\n")
    }
}

extension FicheFile {
    /// Where each value of a fiche's text is, by the name the form gives its
    /// field (`titre`, `contacts-0-email`, `corps`), so that a message at a line
    /// and column is shown next to its field.
    public struct Places: Sendable {
        /// In the order of the text: line and column in the file, and the field.
        var fields: [(line: Int, column: Int, field: String)] = []
        /// The first line of the body.
        var bodyLine = Int.max

        /// The field a message at `location` is about; nil when it is about none
        /// (a key the form does not know).
        public func field(at location: SourceLocation) -> String? {
            if location.line >= bodyLine { return "corps" }
            let before = fields.filter {
                $0.line < location.line || ($0.line == location.line && $0.column <= location.column)
            }
            return before.last.flatMap { $0.field.isEmpty ? nil : $0.field }
        }
    }

    /// The places of the values in a fiche's text (with Unix line ends).
    public static func places(in text: String) -> Places {
        var places = Places()
        guard case .success(let parts) = FrontMatter.split(text) else { return places }
        places.bodyLine = parts.bodyLineOffset + 1
        guard let root = try? Yams.compose(yaml: parts.yaml, .basic, .default, .utf8), let mapping = root.mapping
        else { return places }
        func add(_ node: Node, _ field: String?) {
            guard let mark = node.mark else { return }
            places.fields.append((mark.line + 1, mark.column, field ?? ""))
        }
        for (key, value) in mapping {
            let name = key.scalar?.string ?? ""
            let field: String? =
                switch name {
                case "droits": "droit-principal"
                case "territoire": "province"
                case "contacts": "contacts-0-organisation"
                case "liens": "liens-0-titre"
                default: FicheValues.keys.contains(name) ? name : nil
                }
            add(key, field)
            add(value, field)
            if name == "territoire", let pairs = value.mapping {
                for (key, value) in pairs {
                    add(key, key.scalar?.string)
                    add(value, key.scalar?.string)
                }
            }
            if name == "contacts" || name == "liens", let items = value.sequence {
                let first = name == "contacts" ? "organisation" : "titre"
                for (index, item) in items.enumerated() {
                    add(item, "\(name)-\(index)-\(first)")
                    let known = FicheValues.blockKeys(name)
                    for (key, value) in item.mapping.map(Array.init) ?? [] {
                        // A key the form has no field for: the block's first field.
                        let written = key.scalar?.string ?? first
                        let field = "\(name)-\(index)-\(known.contains(written) ? written : first)"
                        add(key, field)
                        add(value, field)
                    }
                }
            }
        }
        places.fields.sort { ($0.line, $0.column) < ($1.line, $1.column) }
        return places
    }
}
