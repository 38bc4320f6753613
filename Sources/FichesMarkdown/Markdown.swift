internal import CCmarkGFM
import FichesCore
import Foundation

/// A link or image of a Markdown body, with its place in the body.
public struct MarkdownLink: Hashable, Sendable {
    public enum Kind: Sendable { case link, image }
    public var kind: Kind
    public var destination: String
    /// The link's text, or the image's alt text.
    public var text: String
    /// 1-based line and column in the body (columns count Unicode scalars).
    public var line: Int
    public var column: Int
}

/// A heading of a Markdown body and the id it gets.
public struct MarkdownHeading: Hashable, Sendable {
    public var level: Int
    public var text: String
    public var id: String
    public var line: Int
    public var column: Int
    /// Where, in the outline's `text` (UTF-8 offsets), the heading's own text
    /// starts, and where the text under it starts.
    public var textStart = 0
    public var bodyStart = 0
}

/// Raw HTML found in a body: it never reaches the page.
public struct MarkdownRawHTML: Hashable, Sendable {
    public var html: String
    public var line: Int
    public var column: Int
}

/// What a body contains, for validation.
public struct MarkdownOutline: Sendable {
    public var headings: [MarkdownHeading] = []
    public var links: [MarkdownLink] = []
    public var rawHTML: [MarkdownRawHTML] = []
    /// The body as plain text (what a reader sees, without the markup), for search.
    public var text = ""
}

/// One way to render a body: where its links point and how its ids are prefixed.
public struct MarkdownRendering: Sendable {
    public var idPrefix: String
    /// Levels added to every heading (`## Contexte` is an `h4` under a fiche's `h3`), at most 6.
    public var headingShift: Int
    public var rewrite: @Sendable (MarkdownLink) -> String

    public init(
        idPrefix: String = "", headingShift: Int = 0, rewrite: @escaping @Sendable (MarkdownLink) -> String
    ) {
        self.idPrefix = idPrefix
        self.headingShift = headingShift
        self.rewrite = rewrite
    }
}

/// CommonMark with the GitHub extensions (tables, autolinks, strikethrough,
/// tagfilter), rendered by cmark-gfm in safe mode: raw HTML and `javascript:`
/// links never reach the page.
public enum Markdown {
    /// Parses `text` once, then renders it once per `renderings`.
    /// - Parameters:
    ///   - reservedIDs: ids the page already uses; headings never take them.
    ///   - drop: links to remove, keeping their text.
    public static func render(
        _ text: String, reservedIDs: Set<String> = [], drop: (MarkdownLink) -> Bool = { _ in false },
        renderings: [MarkdownRendering]
    ) -> (outline: MarkdownOutline, html: [String]) {
        _ = registered
        guard let parser = cmark_parser_new(CMARK_OPT_DEFAULT) else { fatalError("cmark-gfm: out of memory") }
        defer { cmark_parser_free(parser) }
        for name in ["table", "autolink", "strikethrough", "tagfilter"] {
            cmark_parser_attach_syntax_extension(parser, cmark_find_syntax_extension(name))
        }
        let columns = ColumnMap(text)
        // cmark-gfm 0.29 adds and removes the extensions' special characters (`~`, `|`)
        // in one process-wide table around each inline parse: two parses at once
        // would drop each other's strikethrough. Parsing is serialised; rendering is not.
        let parsed = parsing.withLock {
            text.utf8CString.withUnsafeBufferPointer { buffer in
                cmark_parser_feed(parser, buffer.baseAddress, buffer.count - 1)
            }
            return cmark_parser_finish(parser)
        }
        guard let document = parsed else { fatalError("cmark-gfm: out of memory") }
        defer { cmark_node_free(document) }

        var tree = Tree(columns: columns, reservedIDs: reservedIDs)
        tree.walk(document)
        // Each link is judged once: dropped links are replaced by their text,
        // the others get each rendering's URL.
        var kept: [(node: OpaquePointer, link: MarkdownLink)] = []
        for entry in tree.linkNodes {
            if entry.link.kind == .link && drop(entry.link) { unwrap(entry.node) } else { kept.append(entry) }
        }
        // French typography in the text a reader sees, not in code: once the
        // outline (what search reads) is taken.
        if !renderings.isEmpty {
            for node in tree.textNodes {
                guard let literal = cmark_node_get_literal(node) else { continue }
                let text = String(cString: literal)
                let typeset = Typography.french(text)
                if typeset != text { cmark_node_set_literal(node, typeset) }
            }
        }
        let extensions = cmark_parser_get_syntax_extensions(parser)
        let html = renderings.map { rendering in
            for (node, link) in kept { cmark_node_set_url(node, rendering.rewrite(link)) }
            for (node, heading) in zip(tree.headingNodes, tree.outline.headings) {
                cmark_node_set_heading_level(node, Int32(min(heading.level + rendering.headingShift, 6)))
            }
            guard let rendered = cmark_render_html(document, CMARK_OPT_DEFAULT, extensions) else { return "" }
            defer { free(rendered) }
            return withHeadingIDs(
                String(cString: rendered), ids: tree.outline.headings.map { rendering.idPrefix + $0.id })
        }
        return (tree.outline, html)
    }

    /// cmark-gfm 0.29.0.gfm.6 (Debian 12's) takes time quadratic in the depth of
    /// nested block quotes and in the number of a table row's columns: beyond these,
    /// a body is refused before it is parsed. No real fiche comes near them.
    public static let maximumQuoteDepth = 100
    public static let maximumTableColumns = 100

    /// The first line of `text` past those limits, with the reason in French; nil when there is none.
    public static func limitProblem(in text: String) -> (line: Int, message: String)? {
        var text = text
        return text.withUTF8 { bytes in
            var number = 1
            var depth = 0
            var bars = 0
            /// Still in the line's indentation and `>` markers.
            var leading = true
            for byte in bytes {
                switch byte {
                case 10:
                    number += 1
                    (depth, bars, leading) = (0, 0, true)
                    continue
                case UInt8(ascii: ">") where leading: depth += 1
                case 32, 9: break
                case UInt8(ascii: "|"): bars += 1
                default: break
                }
                if byte != UInt8(ascii: ">") && byte != 32 && byte != 9 { leading = false }
                if depth > maximumQuoteDepth {
                    return (
                        number,
                        "citation imbriquée sur \(Self.depth(of: bytes, line: number)) niveaux : au-delà de "
                            + "\(maximumQuoteDepth), le texte est refusé"
                    )
                }
                if bars > maximumTableColumns + 1 {
                    return (
                        number,
                        "ligne de \(Self.bars(of: bytes, line: number)) « | » : un tableau de plus de "
                            + "\(maximumTableColumns) colonnes est refusé"
                    )
                }
            }
            return nil
        }
    }

    /// The bytes of line `number` (from 1).
    private static func line(_ number: Int, of bytes: UnsafeBufferPointer<UInt8>) -> Slice<UnsafeBufferPointer<UInt8>> {
        bytes.split(separator: 10, maxSplits: number, omittingEmptySubsequences: false)[number - 1]
    }

    /// The `>` that open line `number`.
    private static func depth(of bytes: UnsafeBufferPointer<UInt8>, line number: Int) -> Int {
        line(number, of: bytes).prefix { $0 == UInt8(ascii: ">") || $0 == 32 || $0 == 9 }
            .filter { $0 == UInt8(ascii: ">") }.count
    }

    /// The `|` of line `number`.
    private static func bars(of bytes: UnsafeBufferPointer<UInt8>, line number: Int) -> Int {
        line(number, of: bytes).filter { $0 == UInt8(ascii: "|") }.count
    }

    private static let parsing = NSLock()

    /// Done once, before any concurrent use (a static is initialised exactly once).
    private static let registered: Void = cmark_gfm_core_extensions_ensure_registered()

    /// Replaces a link by its children.
    private static func unwrap(_ node: OpaquePointer) {
        while let child = cmark_node_first_child(node) {
            cmark_node_insert_before(node, child)
        }
        cmark_node_free(node)
    }

    /// Gives the n-th `<hN>` of the rendered HTML the n-th id. Raw HTML is never
    /// rendered, so every `<hN>` tag in the output is one of the body's headings.
    static func withHeadingIDs(_ html: String, ids: [String]) -> String {
        guard !ids.isEmpty else { return html }
        var html = html
        return html.withUTF8 { bytes in
            var result: [UInt8] = []
            result.reserveCapacity(bytes.count + ids.count * 24)
            var ids = ids.makeIterator()
            var copied = 0
            var index = 0
            // From one `<` to the next, copying the text between in one go.
            while let found = bytes[index...].firstIndex(of: UInt8(ascii: "<")) {
                index = found + 1
                guard found + 3 < bytes.count, bytes[found + 1] == UInt8(ascii: "h"),
                    (UInt8(ascii: "1")...UInt8(ascii: "6")).contains(bytes[found + 2]),
                    bytes[found + 3] == UInt8(ascii: ">"), let id = ids.next()
                else { continue }
                result.append(contentsOf: bytes[copied..<(found + 3)])
                result.append(contentsOf: " id=\"\(id)\">".utf8)
                copied = found + 4
                index = copied
            }
            result.append(contentsOf: bytes[copied...])
            return String(decoding: result, as: UTF8.self)
        }
    }
}

/// Byte columns (cmark's) to scalar columns (editors' and libyaml's).
/// Byte columns (cmark's) to character columns (the editor's), in constant time
/// once a line has been asked for: a long line with many links stays linear.
final class ColumnMap {
    private let lines: [ArraySlice<UInt8>]
    /// For an asked line, the character column of each byte offset.
    private var characters: [Int: [Int32]] = [:]

    init(_ text: String) {
        lines = Array(text.utf8).split(separator: 10, omittingEmptySubsequences: false)
    }

    /// Where `needle` is written first in lines `range` (1-based), at or after
    /// byte column `from` of the first line: a line and a byte column.
    func find(_ needle: [UInt8], lines range: ClosedRange<Int>, from: Int) -> (line: Int, byteColumn: Int)? {
        let upper = min(range.upperBound, lines.count)
        guard !needle.isEmpty, range.lowerBound >= 1, range.lowerBound <= upper else { return nil }
        for line in range.lowerBound...upper {
            let bytes = Array(lines[line - 1])
            let start = line == range.lowerBound ? max(from - 1, 0) : 0
            guard bytes.count >= needle.count, start <= bytes.count - needle.count else { continue }
            for offset in start...(bytes.count - needle.count)
            where bytes[offset..<(offset + needle.count)].elementsEqual(needle) {
                return (line, offset + 1)
            }
        }
        return nil
    }

    /// Whether line `line` holds `prefix` at byte column `byteColumn`.
    func has(_ prefix: [UInt8], line: Int, byteColumn: Int) -> Bool {
        guard line >= 1, line <= lines.count, byteColumn >= 1 else { return false }
        let bytes = lines[line - 1]
        let start = bytes.startIndex + byteColumn - 1
        return start + prefix.count <= bytes.endIndex && bytes[start..<(start + prefix.count)].elementsEqual(prefix)
    }

    func column(line: Int, byteColumn: Int) -> Int {
        guard line >= 1, line <= lines.count, byteColumn > 1 else { return max(byteColumn, 1) }
        if characters[line] == nil {
            var counts = [Int32](repeating: 0, count: lines[line - 1].count + 1)
            var count: Int32 = 0
            for (offset, byte) in lines[line - 1].enumerated() {
                counts[offset] = count
                if byte & 0xC0 != 0x80 { count += 1 }
            }
            counts[lines[line - 1].count] = count
            characters[line] = counts
        }
        let counts = characters[line]!
        return Int(counts[min(byteColumn - 1, counts.count - 1)]) + 1
    }
}

/// One walk over the parsed document.
private struct Tree {
    let columns: ColumnMap
    var usedIDs: Set<String>
    var outline = MarkdownOutline()
    var linkNodes: [(node: OpaquePointer, link: MarkdownLink)] = []
    /// In the order of `outline.headings`.
    var headingNodes: [OpaquePointer] = []
    /// The text nodes (not code), for French typography.
    var textNodes: [OpaquePointer] = []
    /// Where the last link was placed (see `place(of:)`).
    var lastLink: (line: Int, byteColumn: Int)?

    init(columns: ColumnMap, reservedIDs: Set<String>) {
        self.columns = columns
        usedIDs = reservedIDs
    }

    mutating func walk(_ document: OpaquePointer) {
        guard let iterator = cmark_iter_new(document) else { return }
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            guard event == CMARK_EVENT_ENTER else {
                // The end of a block separates its words from the next block's; a
                // heading's, with a dash, so an excerpt does not run it into the text.
                let isBlock = Int32(type.rawValue) & CMARK_NODE_TYPE_MASK == CMARK_NODE_TYPE_BLOCK
                if type == CMARK_NODE_HEADING, !outline.text.isEmpty {
                    while outline.text.hasSuffix(" ") { outline.text.removeLast() }
                    outline.text += " — "
                    outline.headings[outline.headings.count - 1].bodyStart = outline.text.utf8.count
                } else if isBlock, !outline.text.isEmpty, !outline.text.hasSuffix(" ") {
                    outline.text += " "
                }
                continue
            }
            let line = Int(cmark_node_get_start_line(node))
            // Only headings, links, images and raw HTML are reported at their place.
            var column: Int { columns.column(line: line, byteColumn: Int(cmark_node_get_start_column(node))) }
            switch type {
            case CMARK_NODE_HEADING:
                headingNodes.append(node)
                let text = plainText(node)
                outline.headings.append(
                    MarkdownHeading(
                        level: Int(cmark_node_get_heading_level(node)), text: text, id: uniqueID(for: text), line: line,
                        column: column, textStart: outline.text.utf8.count, bodyStart: outline.text.utf8.count))
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
                let text = plainText(node)
                let kind: MarkdownLink.Kind = type == CMARK_NODE_LINK ? .link : .image
                let place = self.place(of: node, kind: kind, text: text, destination: url)
                let link = MarkdownLink(
                    kind: kind, destination: url, text: text, line: place.line,
                    column: columns.column(line: place.line, byteColumn: place.byteColumn))
                outline.links.append(link)
                linkNodes.append((node, link))
            case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_CODE_BLOCK:
                if type == CMARK_NODE_TEXT { textNodes.append(node) }
                outline.text += cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                outline.text += " "
            case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE:
                let html = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
                outline.rawHTML.append(
                    MarkdownRawHTML(
                        html: html.trimmingCharacters(in: .whitespacesAndNewlines), line: line, column: column))
            default:
                break
            }
        }
    }

    /// Where a link starts, as a line and a byte column. cmark-gfm gives none to
    /// a link its autolink extension made from a bare address, and a column
    /// that can be off for the links that follow one on a line: a place is
    /// trusted only when the link's opening is written there (`[`, `![`, `<`,
    /// or its text); otherwise the opening is looked for in the lines of the
    /// nearest block that has a place, after the previous link of that block.
    private mutating func place(
        of node: OpaquePointer, kind: MarkdownLink.Kind, text: String, destination: String
    )
        -> (line: Int, byteColumn: Int)
    {
        let given = (line: Int(cmark_node_get_start_line(node)), byteColumn: Int(cmark_node_get_start_column(node)))
        let openings = [kind == .image ? "![" : "[", "<" + destination, text].map { Array($0.utf8) }
        if openings.contains(where: { columns.has($0, line: given.line, byteColumn: given.byteColumn) }) {
            lastLink = given
            return given
        }
        var block = cmark_node_parent(node)
        while let current = block, cmark_node_get_start_line(current) == 0 { block = cmark_node_parent(current) }
        guard let block else { return (max(given.line, 1), max(given.byteColumn, 1)) }
        let first = Int(cmark_node_get_start_line(block))
        let last = max(Int(cmark_node_get_end_line(block)), first)
        var from = (line: first, byteColumn: 1)
        if let previous = lastLink, (first...last).contains(previous.line) {
            from = (previous.line, previous.byteColumn + 1)
        }
        // An address written as it is linked (bare or between `<>`), else a bracket and the text.
        let isAddress = [text, "mailto:" + text, "http://" + text].contains(destination)
        let searched =
            isAddress ? [text, "<" + text] : [(kind == .image ? "![" : "[") + text]
        let found = searched.compactMap { columns.find(Array($0.utf8), lines: from.line...last, from: from.byteColumn) }
            .min { ($0.line, $0.byteColumn) < ($1.line, $1.byteColumn) }
        guard let found else { return given.line > 0 ? given : (first, 1) }
        lastLink = found
        return found
    }

    /// The text of a node's descendants.
    private func plainText(_ node: OpaquePointer) -> String {
        var text = ""
        var child = cmark_node_first_child(node)
        while let current = child {
            let type = cmark_node_get_type(current)
            if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE, let literal = cmark_node_get_literal(current) {
                text += String(cString: literal)
            } else if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK {
                text += " "
            } else {
                text += plainText(current)
            }
            child = cmark_node_next(current)
        }
        return text
    }

    private mutating func uniqueID(for text: String) -> String {
        let slug = Slug.make(from: text)
        let base = slug.isEmpty ? "section" : slug
        var id = base
        var number = 2
        while usedIDs.contains(id) {
            id = "\(base)-\(number)"
            number += 1
        }
        usedIDs.insert(id)
        return id
    }
}
