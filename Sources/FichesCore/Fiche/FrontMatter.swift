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
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first, first.trimmingTrailingSpaces == "---" else { return .failure(.missing) }
        guard let close = lines.dropFirst().firstIndex(where: { $0.trimmingTrailingSpaces == "---" }) else {
            return .failure(.unclosed)
        }
        return .success(
            FrontMatter(
                yaml: lines[1..<close].joined(separator: "\n"),
                body: lines[(close + 1)...].joined(separator: "\n"),
                bodyLineOffset: close + 1))
    }
}

extension Substring {
    fileprivate var trimmingTrailingSpaces: Substring {
        var text = self
        while text.last == " " || text.last == "\t" { text.removeLast() }
        return text
    }
}
