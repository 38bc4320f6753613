/// A problem that stops a run before any fiche is judged: an unreadable folder,
/// a template that does not parse, an output folder that must not be replaced.
public struct BuildError: Error, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
