import FichesCore
import Foundation

/// The internal check of a site and the external links it found, not yet asked for.
public struct LinkScan: Sendable {
    public var report: LinkReport
    /// Each http(s) URL of another site and every place that links to it.
    public var external: [String: [LinkOccurrence]]
}

/// Checks every link of a built site: files and fragments inside it, `mailto:`
/// and `tel:` syntax; collects the links to other sites.
public struct LinkChecker: Sendable {
    let resolver: LinkResolver

    /// - Parameter siteURL: the site's absolute base URL: links under it are internal.
    public init(siteURL: String) {
        resolver = LinkResolver(siteURL: siteURL)
    }

    /// Checks the site in `folder`.
    public func check(folder: String) async throws -> LinkScan {
        let files = try Self.files(in: folder)
        let pages = files.filter { $0.hasSuffix(".html") }
        return await check(pages: pages, files: files) { page, buffer in
            Self.read("\(folder)/\(page)", into: &buffer)
        }
    }

    /// Checks a site still in memory: its pages and the paths of all its files.
    public func check(pages: [(path: String, html: Data)], paths: [String]) async -> LinkScan {
        let html = Dictionary(pages, uniquingKeysWith: { first, _ in first })
        return await check(pages: pages.map(\.path), files: paths) { page, buffer in
            guard let data = html[page] else { return false }
            buffer = Array(data)
            return true
        }
    }

    // MARK: The check

    private func check(
        pages: [String], files: [String], read: @escaping @Sendable (String, inout [UInt8]) -> Bool
    ) async -> LinkScan {
        let site = SiteFiles(files)
        let chunkCount = min(pages.count, ProcessInfo.processInfo.activeProcessorCount * 4)
        let chunks = await withTaskGroup(of: (Int, Chunk).self) { group in
            for index in 0..<chunkCount {
                let slice = stride(from: index, to: pages.count, by: chunkCount).map { pages[$0] }
                group.addTask { (index, scan(slice, site: site, read: read)) }
            }
            var results = [Chunk?](repeating: nil, count: chunkCount)
            for await (index, chunk) in group { results[index] = chunk }
            return results.map { $0! }
        }

        // Merge in chunk order, then check fragments now that every page's ids are known.
        var ids: [String: Set<String>] = [:]
        var findings: [String: LinkFinding] = [:]
        var fragments: [FragmentTarget: [LinkOccurrence]] = [:]
        var external: [String: [LinkOccurrence]] = [:]
        var report = LinkReport()
        report.pages = pages.count
        for chunk in chunks {
            ids.merge(chunk.ids) { first, _ in first }
            report.links += chunk.links
            report.ignored += chunk.ignored
            for (key, finding) in chunk.findings {
                findings[key, default: finding.emptied].occurrences += finding.occurrences
            }
            fragments.merge(chunk.fragments, uniquingKeysWith: +)
            external.merge(chunk.external, uniquingKeysWith: +)
        }
        for (target, occurrences) in fragments where !Self.isAnchor(target.fragment, of: ids[target.file]) {
            let key = "\(LinkFinding.Kind.missingAnchor.rawValue) \(target.file)#\(target.fragment)"
            findings[key, default: Self.finding(.missingAnchor, target: "\(target.file)#\(target.fragment)")]
                .occurrences += occurrences
        }
        report.externalAddresses = external.count
        report.externalLinks = external.values.reduce(0) { $0 + $1.count }
        report.findings = Array(findings.values)
        report.sort()
        return LinkScan(report: report, external: external)
    }

    /// A page and a fragment it must have.
    struct FragmentTarget: Hashable, Sendable {
        var file: String
        var fragment: String
    }

    /// What one task found in its pages.
    struct Chunk: Sendable {
        var ids: [String: Set<String>] = [:]
        var links = 0
        var findings: [String: LinkFinding] = [:]
        var fragments: [FragmentTarget: [LinkOccurrence]] = [:]
        var external: [String: [LinkOccurrence]] = [:]
        var ignored = 0
        /// `mailto:` and `tel:` links already judged: the same contacts recur on many pages.
        var judged: [String: Bool] = [:]

        mutating func isValid(_ link: String, _ rule: (String) -> Bool, value: String) -> Bool {
            if let known = judged[link] { return known }
            let valid = rule(value)
            judged[link] = valid
            return valid
        }

        mutating func add(_ kind: LinkFinding.Kind, target: String, _ occurrence: LinkOccurrence) {
            findings["\(kind.rawValue) \(target)", default: LinkChecker.finding(kind, target: target)]
                .occurrences.append(occurrence)
        }
    }

    private func scan(_ pages: [String], site: SiteFiles, read: (String, inout [UInt8]) -> Bool) -> Chunk {
        var chunk = Chunk()
        let scanner = HTMLScanner()
        var buffer: [UInt8] = []
        for path in pages {
            guard read(path, &buffer) else {
                chunk.add(.unreadable, target: path, LinkOccurrence(page: path, line: 0, link: path))
                continue
            }
            let page = buffer.withUnsafeBytes { scanner.scan($0) }
            chunk.ids[path] = page.ids
            let base = resolver.base(of: path, baseHref: page.base)
            for link in page.links {
                chunk.links += 1
                let occurrence = LinkOccurrence(page: path, line: link.line, link: link.value)
                switch resolver.resolve(link.value, from: base) {
                case .page(let target, let fragment):
                    check(target, fragment: fragment, redirects: false, occurrence, site: site, into: &chunk)
                case .rootWithoutSlash(let fragment):
                    check("", fragment: fragment, redirects: true, occurrence, site: site, into: &chunk)
                case .outside:
                    chunk.add(.outside, target: link.value, occurrence)
                case .web(let url):
                    chunk.external[url, default: []].append(occurrence)
                case .mail(let address):
                    let target = "mailto:\(address)"
                    if !chunk.isValid(target, Self.isEmail, value: address) {
                        chunk.add(.invalidEmail, target: target, occurrence)
                    }
                case .phone(let number):
                    let target = "tel:\(number)"
                    if !chunk.isValid(target, Self.isE164, value: number) {
                        chunk.add(.invalidPhone, target: target, occurrence)
                    }
                case .ignored:
                    chunk.ignored += 1
                }
            }
        }
        return chunk
    }

    private func check(
        _ target: String, fragment: String?, redirects: Bool, _ occurrence: LinkOccurrence, site: SiteFiles,
        into chunk: inout Chunk
    ) {
        guard let file = site.file(for: target) else {
            chunk.add(.missingFile, target: target, occurrence)
            return
        }
        if redirects || file.redirects { chunk.add(.redirect, target: target, occurrence) }
        if let fragment, file.path.hasSuffix(".html") {
            chunk.fragments[FragmentTarget(file: file.path, fragment: fragment), default: []].append(occurrence)
        }
    }

    // MARK: Rules

    /// `#`, `#top` and text fragments need no id; other fragments name an `id` or an `a[name]`.
    static func isAnchor(_ fragment: String, of ids: Set<String>?) -> Bool {
        if fragment.isEmpty || fragment.lowercased() == "top" || fragment.hasPrefix(":~:") { return true }
        return ids?.contains(fragment) ?? false
    }

    /// `mailto:` with one or more valid addresses (before any `?subject=…`).
    static func isEmail(_ value: String) -> Bool {
        let addresses = value.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        let decoded = LinkResolver.percentDecoded(String(addresses))
        let list = decoded.split(separator: ",", omittingEmptySubsequences: false)
        return !decoded.isEmpty && list.allSatisfy { EmailAddress(String($0)) != nil }
    }

    /// `tel:` in E.164 form: `+`, a country code, at most 15 digits in all.
    static func isE164(_ value: String) -> Bool {
        let number = value.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        let digits = number.dropFirst()
        return number.first == "+" && (2...15).contains(digits.count) && digits.first != "0"
            && digits.allSatisfy { $0.isASCII && $0.isNumber }
    }

    static func finding(_ kind: LinkFinding.Kind, target: String) -> LinkFinding {
        LinkFinding(kind: kind, severity: kind == .redirect ? .warning : .error, target: target)
    }

    // MARK: Files

    /// Reads a whole file into `buffer`, reusing its storage; false when it cannot be read.
    static func read(_ path: String, into buffer: inout [UInt8]) -> Bool {
        let file = open(path, O_RDONLY)
        guard file >= 0 else { return false }
        defer { close(file) }
        var info = stat()
        guard fstat(file, &info) == 0 else { return false }
        let size = Int(info.st_size)
        buffer.removeAll(keepingCapacity: true)
        buffer.reserveCapacity(size)
        var total = 0
        buffer.append(contentsOf: repeatElement(0, count: size))
        let complete = buffer.withUnsafeMutableBytes { bytes -> Bool in
            while total < size {
                let count = Foundation.read(file, bytes.baseAddress! + total, size - total)
                guard count > 0 else { return false }
                total += count
            }
            return true
        }
        return complete
    }

    /// Every regular file under `folder`, relative to it, sorted; symbolic links are not followed.
    static func files(in folder: String) throws -> [String] {
        var files: [String] = []
        func walk(_ relative: String) throws {
            let path = relative.isEmpty ? folder : "\(folder)/\(relative)"
            guard let directory = opendir(path) else {
                throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path])
            }
            defer { closedir(directory) }
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) {
                    String(cString: $0.bindMemory(to: CChar.self).baseAddress!)
                }
                if name == "." || name == ".." { continue }
                let child = relative.isEmpty ? name : "\(relative)/\(name)"
                var (isDirectory, isFile) = (Int(entry.pointee.d_type) == DT_DIR, Int(entry.pointee.d_type) == DT_REG)
                if Int(entry.pointee.d_type) == DT_UNKNOWN {
                    var info = stat()
                    guard lstat("\(folder)/\(child)", &info) == 0 else { continue }
                    (isDirectory, isFile) = ((info.st_mode & S_IFMT) == S_IFDIR, (info.st_mode & S_IFMT) == S_IFREG)
                }
                if isDirectory {
                    try walk(child)
                } else if isFile {
                    files.append(child)
                }
            }
        }
        try walk("")
        return files.sorted()
    }
}

extension LinkFinding {
    /// The same finding with no occurrence yet.
    var emptied: LinkFinding {
        var copy = self
        copy.occurrences = []
        return copy
    }
}

/// The files of a site and the folders that hold them.
struct SiteFiles: Sendable {
    let files: Set<String>
    let folders: Set<String>

    init(_ paths: [String]) {
        files = Set(paths)
        var folders = Set<String>()
        for path in paths {
            var folder = Substring(path)
            while let slash = folder.lastIndex(of: "/") {
                folder = folder[..<slash]
                if !folders.insert(String(folder)).inserted { break }
            }
        }
        self.folders = folders
    }

    /// The file a site path serves, and whether reaching it takes a redirect.
    func file(for path: String) -> (path: String, redirects: Bool)? {
        if path.isEmpty || path.hasSuffix("/") {
            let index = path + "index.html"
            return files.contains(index) ? (index, false) : nil
        }
        if files.contains(path) { return (path, false) }
        if folders.contains(path), files.contains(path + "/index.html") { return (path + "/index.html", true) }
        return nil
    }
}
