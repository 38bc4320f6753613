/// A fiche's text split into its YAML front matter and its Markdown body.
public struct FrontMatter: Sendable, Equatable {
    /// The YAML between the first `---` line and the next one.
    public var yaml: String
    public var body: String
    /// Lines of the file before the body (the front matter and both `---`).
    public var bodyLineOffset: Int

    public enum SplitError: Error, Equatable {
        case missing, unclosed

        public var message: String {
            switch self {
            case .missing:
                return
                    "la fiche doit commencer par une ligne « --- », suivie de l'en-tête YAML (titre, resume, droits…)"
            case .unclosed:
                return "l'en-tête YAML ouvert à la ligne 1 n'est jamais fermé par une ligne « --- »"
            }
        }
    }

    /// Splits normalised text (LF line endings).
    public static func split(_ text: String) -> Result<FrontMatter, SplitError> {
        let utf8 = text.utf8
        /// The line starting at `start`: its end (before the LF) and the start of the next one.
        func line(at start: String.Index) -> (end: String.Index, next: String.Index?) {
            guard let newline = utf8[start...].firstIndex(of: 10) else { return (text.endIndex, nil) }
            return (newline, utf8.index(after: newline))
        }
        let first = line(at: text.startIndex)
        guard text[..<first.end].trimmingTrailingSpaces == "---" else { return .failure(.missing) }
        var lineNumber = 1
        var start = first.next
        while let current = start {
            let (end, next) = line(at: current)
            if text[current..<end].trimmingTrailingSpaces == "---" {
                let yamlEnd = current == first.next! ? current : utf8.index(before: current)
                return .success(
                    FrontMatter(
                        yaml: String(text[first.next!..<yamlEnd]),
                        body: next.map { String(text[$0...]) } ?? "",
                        bodyLineOffset: lineNumber + 1))
            }
            lineNumber += 1
            start = next
        }
        return .failure(.unclosed)
    }
}

extension Substring {
    fileprivate var trimmingTrailingSpaces: Substring {
        var text = self
        while text.last == " " || text.last == "\t" { text.removeLast() }
        return text
    }
}
