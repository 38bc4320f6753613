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
        _ = Self.registered
        var fingerprint = Data()
        var library = MustacheLibrary()
        let enumerator = FileManager.default.enumerator(atPath: folder)
        while let path = enumerator?.nextObject() as? String {
            guard path.hasSuffix(".mustache") else { continue }
            let bytes = FileManager.default.contents(atPath: "\(folder)/\(path)") ?? Data()
            fingerprint += Data("\(path)\u{0}".utf8) + bytes + Data([0])
            do {
                // Every template, partials included (a partial starts in HTML again), escapes with ours.
                let text = "{{% CONTENT_TYPE: \(Self.contentType) }}\n" + String(decoding: bytes, as: UTF8.self)
                library.register(try MustacheTemplate(string: text), named: String(path.dropLast(".mustache".count)))
            } catch let error as MustacheTemplate.ParserError {
                throw BuildError(
                    "\(folder)/\(path):\(error.context.lineNumber - 1):\(error.context.columnNumber): erreur: "
                        + "gabarit illisible (\(error.error))")
            }
        }
        self.fingerprint = fingerprint
        self.library = library
    }

    /// The escaping of `{{name}}`: swift-mustache's own goes character by
    /// character through a dictionary; this one goes through the UTF-8 bytes,
    /// and escapes the same five characters the same way.
    private struct HTMLEscaping: MustacheContentType {
        func escapeText(_ text: String) -> String {
            var text = text
            return text.withUTF8 { bytes in
                guard bytes.contains(where: { $0 == 0x3C || $0 == 0x3E || $0 == 0x26 || $0 == 0x22 || $0 == 0x27 })
                else { return String(decoding: bytes, as: UTF8.self) }
                var escaped: [UInt8] = []
                escaped.reserveCapacity(bytes.count + 32)
                for byte in bytes {
                    switch byte {
                    case 0x3C: escaped += Array("&lt;".utf8)
                    case 0x3E: escaped += Array("&gt;".utf8)
                    case 0x26: escaped += Array("&amp;".utf8)
                    case 0x22: escaped += Array("&quot;".utf8)
                    case 0x27: escaped += Array("&#39;".utf8)
                    default: escaped.append(byte)
                    }
                }
                return String(decoding: escaped, as: UTF8.self)
            }
        }
    }

    private static let contentType = "FICHES_HTML"
    private static let registered: Void = MustacheContentTypes.register(HTMLEscaping(), named: contentType)

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

/// A text: rendered as it is (escaped by the content type), and, when a
/// section has pushed it, asked for no name (the lookup climbs past it without
/// reflecting on it). Cheaper for the renderer than a `String`, which it tries
/// to cast to several protocols and describes.
private struct TextValue: MustacheCustomRenderable, MustacheParent {
    let text: String
    var renderText: String { text }
    var isNull: Bool { false }
    func child(named name: String) -> Any? { nil }
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
        case .text(let text): return TextValue(text: text)
        case .bool(let bool): return bool
        case .list(let items): return items.map(\.mustache)
        case .object(let values): return ObjectContext(values: values)
        case .null: return NullValue()
        }
    }
}
