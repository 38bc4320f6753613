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
    private static let initialized: Void = xmlInitParser()

    private static let options = Int32(
        HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue)

    /// Only element starts matter; every other callback (and every message) is off.
    private static let handler: htmlSAXHandler = {
        var handler = htmlSAXHandler()
        handler.startElement = { context, name, attributes in
            guard let context, let name, let attributes else { return }
            let parser = context.assumingMemoryBound(to: xmlParserCtxt.self)
            guard let page = parser.pointee._private?.assumingMemoryBound(to: HTMLPage.self) else { return }
            let line = Int(parser.pointee.input?.pointee.line ?? 0)
            HTMLScanner.element(LinkElement(name), attributes, line: line, into: &page.pointee)
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
            // (libxml2 copies the bytes: its static input buffers misread pages in 2.9.)
            let document = htmlCtxtReadMemory(
                parser, base.assumingMemoryBound(to: CChar.self), Int32(bytes.count), nil, "UTF-8", Self.options)
            if let document { xmlFreeDoc(document) }
            parser.pointee._private = nil
        }
        return page
    }

    /// Records an element's id, anchor name and URLs.
    private static func element(
        _ element: LinkElement?, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>, line: Int,
        into page: inout HTMLPage
    ) {
        var pair = attributes
        while let key = pair[0] {
            defer { pair += 2 }
            guard let rawValue = pair[1] else { continue }
            // Compared as C strings: most attributes (class, lang, rel…) never become Swift strings.
            if strcmp(key, "id") == 0 || (element == .a && strcmp(key, "name") == 0) {
                page.ids.insert(String(cString: rawValue))
                continue
            }
            guard let element, let attribute = element.urlAttributes.first(where: { strcmp(key, $0) == 0 }) else {
                continue
            }
            let value = String(cString: rawValue)
            if element == .base {
                if page.base == nil { page.base = value }
            } else if attribute == "srcset" {
                for url in candidates(value) {
                    page.links.append(HTMLLink(element: element.rawValue, attribute: attribute, value: url, line: line))
                }
            } else {
                page.links.append(HTMLLink(element: element.rawValue, attribute: attribute, value: value, line: line))
            }
        }
    }

    /// The elements whose attributes hold URLs, and those attributes.
    enum LinkElement: String {
        case a, area, link, img, source, script, iframe, form, base

        var urlAttributes: [String] {
            switch self {
            case .a, .area, .link, .base: ["href"]
            case .img, .source: ["src", "srcset"]
            case .script, .iframe: ["src"]
            case .form: ["action"]
            }
        }

        /// Nil for every other element, decided without making a Swift string.
        init?(_ name: UnsafePointer<xmlChar>) {
            switch name.pointee {
            case UInt8(ascii: "a"), UInt8(ascii: "b"), UInt8(ascii: "f"), UInt8(ascii: "i"), UInt8(ascii: "l"),
                UInt8(ascii: "s"):
                self.init(rawValue: String(cString: name))
            default: return nil
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
