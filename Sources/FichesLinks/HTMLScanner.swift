@preconcurrency internal import CLibXML2
import Foundation

/// A link of an HTML page: the element, the attribute and the line libxml2 read it on.
public struct HTMLLink: Hashable, Sendable {
    public var element: String
    public var attribute: String
    public var value: String
    public var line: Int
}

/// What a page links to and which fragments it offers.
public struct HTMLPage: Sendable {
    public var links: [HTMLLink] = []
    /// Every `id`, and every `name` of an `a`.
    public var ids: Set<String> = []
    /// The `href` of `<base>`, if any.
    public var base: String?
}

/// Reads pages with libxml2's HTML parser (recover mode, no network, errors silenced).
public enum HTMLScanner {
    private static let linkAttributes: [String: [String]] = [
        "a": ["href"], "area": ["href"], "link": ["href"], "img": ["src", "srcset"], "source": ["src", "srcset"],
        "script": ["src"], "iframe": ["src"], "form": ["action"], "base": ["href"],
    ]

    private static let initialized: Void = xmlInitParser()

    public static func scan(_ data: Data) -> HTMLPage {
        _ = initialized
        let options = Int32(
            HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                | HTML_PARSE_NONET.rawValue)
        let document = data.withUnsafeBytes { buffer in
            htmlReadMemory(
                buffer.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(buffer.count), nil, "UTF-8", options)
        }
        guard let document else { return HTMLPage() }
        defer { xmlFreeDoc(document) }
        var page = HTMLPage()
        visit(xmlDocGetRootElement(document), into: &page)
        return page
    }

    private static func visit(_ first: xmlNodePtr?, into page: inout HTMLPage) {
        var node = first
        while let current = node {
            if current.pointee.type == XML_ELEMENT_NODE {
                let name = String(cString: current.pointee.name).lowercased()
                if let id = attribute(current, "id") { page.ids.insert(id) }
                if name == "a", let anchor = attribute(current, "name") { page.ids.insert(anchor) }
                for key in linkAttributes[name] ?? [] {
                    guard let value = attribute(current, key) else { continue }
                    if name == "base" {
                        page.base = value
                        continue
                    }
                    let line = Int(xmlGetLineNo(current))
                    let values =
                        key == "srcset"
                        ? value.split(separator: ",").compactMap { $0.split(separator: " ").first.map(String.init) }
                        : [value]
                    for value in values {
                        page.links.append(HTMLLink(element: name, attribute: key, value: value, line: line))
                    }
                }
            }
            visit(current.pointee.children, into: &page)
            node = current.pointee.next
        }
    }

    private static func attribute(_ node: xmlNodePtr, _ name: String) -> String? {
        guard let value = xmlGetProp(node, name) else { return nil }
        defer { xmlFree(value) }
        return String(cString: value)
    }
}
