import Foundation
import Mustache

/// The Mustache templates of `site-template/`, parsed once.
struct TemplateSet: Sendable {
    let folder: String
    private let library: MustacheLibrary
    /// The templates' names and bytes: pages rendered with the same fingerprint are the same.
    let fingerprint: Data

    init(folder: String) async throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw BuildError("dossier des gabarits introuvable : \(folder)")
        }
        self.folder = folder
        var fingerprint = Data()
        let enumerator = FileManager.default.enumerator(atPath: folder)
        while let path = enumerator?.nextObject() as? String {
            guard path.hasSuffix(".mustache") else { continue }
            fingerprint += Data("\(path)\u{0}".utf8)
            fingerprint += (FileManager.default.contents(atPath: "\(folder)/\(path)") ?? Data()) + Data([0])
        }
        self.fingerprint = fingerprint
        do {
            library = try await MustacheLibrary(directory: folder)
        } catch let error as MustacheLibrary.ParserError {
            throw BuildError(
                "\(folder)/\(error.filename):\(error.context.lineNumber):\(error.context.columnNumber): erreur: "
                    + "gabarit illisible (\(error.error))")
        }
    }

    /// Renders the page template `name` with `values`; a name the template uses
    /// that the page does not have stops the build.
    func render(_ name: String, _ values: [String: TemplateValue]) throws -> String {
        guard library.getTemplate(named: name) != nil else {
            throw BuildError("gabarit introuvable : \(folder)/\(name).mustache")
        }
        let root = RootContext(values: values)
        let text = library.render(root, withTemplate: name) ?? ""
        if let missing = root.missing.first {
            throw BuildError(
                "\(folder)/\(name).mustache : la valeur « \(missing) » n'existe pas pour cette page "
                    + "(dans ce gabarit ou un de ses partiels)")
        }
        return text
    }
}

/// The bottom of the Mustache context stack: every name no inner context has
/// ends up asked here, so a name missing here is missing from the page.
private final class RootContext: MustacheParent {
    let values: [String: TemplateValue]
    private(set) var missing: [String] = []

    init(values: [String: TemplateValue]) {
        self.values = values
    }

    func child(named name: String) -> Any? {
        guard let value = values[name] else {
            missing.append(name)
            return nil
        }
        return value.mustache
    }
}

/// An inner object: a missing name falls through to the outer contexts.
private struct ObjectContext: MustacheParent {
    let values: [String: TemplateValue]

    func child(named name: String) -> Any? { values[name]?.mustache }
}

/// Present but empty: false in a section, nothing in a variable, and the
/// lookup stops here instead of climbing to an outer value of the same name.
private struct NullValue: MustacheCustomRenderable {
    var renderText: String { "" }
    var isNull: Bool { true }
}

extension TemplateValue {
    fileprivate var mustache: Any {
        switch self {
        case .text(let text): return text
        case .bool(let bool): return bool
        case .list(let items): return items.map(\.mustache)
        case .object(let values): return ObjectContext(values: values)
        case .null: return NullValue()
        }
    }
}
