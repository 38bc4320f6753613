@preconcurrency internal import CLibXML2
import Foundation

/// A link of an HTML page: the element, the attribute and the line libxml2 read it on.
public struct HTMLLink: Hashable, Sendable {
    public var element: String
    public var attribute: String
    /// The attribute's value, entities decoded (one URL of a `srcset`).
    public var value: String
    public var line: Int
}

/// What a page links to and which fragments it offers.
public struct HTMLPage: Sendable {
    public var links: [HTMLLink] = []
    /// Every `id`, and every `name` of an `a`.
    public var ids: Set<String> = []
    /// The `href` of the first `<base>`, if any.
    public var base: String?
}

/// Reads pages with libxml2's HTML parser (recover mode, no network, errors
/// silenced) through SAX callbacks: no tree is built, so a page of any size
/// costs little memory, and line numbers are the parser's own, not capped at
/// 65,535 as a tree node's are. One scanner reuses one parser context for
/// many pages; it belongs to one task at a time.
public final class HTMLScanner {
    /// Which attributes of which elements hold URLs.
    static let linkAttributes: [String: [String]] = [
        "a": ["href"], "area": ["href"], "link": ["href"], "img": ["src", "srcset"], "source": ["src", "srcset"],
        "script": ["src"], "iframe": ["src"], "form": ["action"], "base": ["href"],
    ]

    /// The first letters of `id`, `name`, `href`, `src`, `srcset` and `action`.
    private static let attributeInitials: Set<UInt8> = Set("inhsa".utf8)

    private static let initialized: Void = xmlInitParser()

    private static let options = Int32(
        HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue)

    /// Only element starts matter; every other callback (and every message) is off.
    private static let handler: htmlSAXHandler = {
        var handler = htmlSAXHandler()
        handler.startElement = { context, name, attributes in
            guard let context, let name, attributes != nil else { return }
            let parser = context.assumingMemoryBound(to: xmlParserCtxt.self)
            guard let page = parser.pointee._private?.assumingMemoryBound(to: HTMLPage.self) else { return }
            let line = Int(parser.pointee.input?.pointee.line ?? 0)
            HTMLScanner.element(String(cString: name), attributes, line: line, into: &page.pointee)
        }
        return handler
    }()

    private let parser: htmlParserCtxtPtr

    public init() {
        _ = Self.initialized
        guard let parser = htmlNewParserCtxt() else { fatalError("libxml2: out of memory") }
        parser.pointee.sax.pointee = Self.handler
        self.parser = parser
    }

    deinit { htmlFreeParserCtxt(parser) }

    /// The links and ids of one page (UTF-8 bytes).
    public func scan(_ bytes: UnsafeRawBufferPointer) -> HTMLPage {
        var page = HTMLPage()
        guard let base = bytes.baseAddress, bytes.count > 0, bytes.count <= Int(Int32.max) else { return page }
        withUnsafeMutablePointer(to: &page) { pointer in
            parser.pointee._private = UnsafeMutableRawPointer(pointer)
            // With this SAX handler no tree is built: the returned document is always nil.
            let document = htmlCtxtReadMemory(
                parser, base.assumingMemoryBound(to: CChar.self), Int32(bytes.count), nil, "UTF-8", Self.options)
            if let document { xmlFreeDoc(document) }
            parser.pointee._private = nil
        }
        return page
    }

    public func scan(_ data: Data) -> HTMLPage {
        data.withUnsafeBytes { scan($0) }
    }

    public static func scan(_ data: Data) -> HTMLPage {
        HTMLScanner().scan(data)
    }

    /// Records an element's id, anchor name and URLs.
    private static func element(
        _ name: String, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, line: Int,
        into page: inout HTMLPage
    ) {
        guard var pair = attributes else { return }
        let urlAttributes = linkAttributes[name]
        while let key = pair[0] {
            defer { pair += 2 }
            // Most attributes (class, lang, rel…) matter not: skip them before making a String.
            guard let rawValue = pair[1], Self.attributeInitials.contains(key.pointee) else { continue }
            let attribute = String(cString: key)
            if attribute == "id" || (attribute == "name" && name == "a") {
                page.ids.insert(String(cString: rawValue))
                continue
            }
            guard let urlAttributes, urlAttributes.contains(attribute) else { continue }
            let value = String(cString: rawValue)
            if name == "base" {
                if page.base == nil { page.base = value }
            } else if attribute == "srcset" {
                for url in candidates(value) {
                    page.links.append(HTMLLink(element: name, attribute: attribute, value: url, line: line))
                }
            } else {
                page.links.append(HTMLLink(element: name, attribute: attribute, value: value, line: line))
            }
        }
    }

    /// The URLs of a `srcset`: `a.png 1x, b.png 2x` → `a.png`, `b.png`.
    static func candidates(_ srcset: String) -> [String] {
        srcset.split(separator: ",").compactMap { candidate in
            candidate.split(whereSeparator: \.isWhitespace).first.map(String.init)
        }
    }
}
