/// A place in a source file: 1-based line and column (columns count Unicode scalars).
public struct SourceLocation: Hashable, Sendable, Comparable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (a: Self, b: Self) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }
}

/// One content problem, in French, at its file, line and column.
public struct Diagnostic: Error, Hashable, Sendable, Comparable, CustomStringConvertible {
    public enum Severity: String, Sendable, Comparable {
        case error = "erreur"
        case warning = "avertissement"

        public static func < (a: Self, b: Self) -> Bool { a == .error && b == .warning }
    }

    /// The file as the user names it (for example `fiches/sante/alzheimer-cafe.md`).
    public var file: String
    public var location: SourceLocation
    public var severity: Severity
    public var message: String

    public init(file: String, location: SourceLocation, severity: Severity = .error, message: String) {
        self.file = file
        self.location = location
        self.severity = severity
        self.message = message
    }

    /// `file:line:col: erreur: message`, the form compilers and editors understand.
    public var description: String {
        "\(file):\(location.line):\(location.column): \(severity.rawValue): \(message)"
    }

    public static func < (a: Self, b: Self) -> Bool {
        (a.file, a.location, a.severity, a.message) < (b.file, b.location, b.severity, b.message)
    }
}

extension Array where Element == Diagnostic {
    /// Whether any of these diagnostics stops publication.
    public var hasErrors: Bool { contains { $0.severity == .error } }
}

/// Collects the diagnostics of one file while it is read; never shared between tasks.
public struct DiagnosticCollector: Sendable {
    public let file: String
    public private(set) var diagnostics: [Diagnostic] = []

    public init(file: String) {
        self.file = file
    }

    public mutating func error(_ message: String, at location: SourceLocation) {
        diagnostics.append(Diagnostic(file: file, location: location, severity: .error, message: message))
    }

    public mutating func warning(_ message: String, at location: SourceLocation) {
        diagnostics.append(Diagnostic(file: file, location: location, severity: .warning, message: message))
    }
}

extension Diagnostic.Severity {
    /// A GitHub Actions workflow command, so the problem shows on the file's line
    /// in a pull request: `::error file=…,line=…,col=…::message`.
    public func githubAnnotation(file: String, line: Int, column: Int?, message: String) -> String {
        func escape(_ text: String, property: Bool = false) -> String {
            var text = text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
                .replacingOccurrences(of: "\n", with: "%0A")
            if property {
                text = text.replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
            }
            return text
        }
        let kind = self == .error ? "error" : "warning"
        let col = column.map { ",col=\($0)" } ?? ""
        return "::\(kind) file=\(escape(file, property: true)),line=\(line)\(col)::\(escape(message))"
    }
}
