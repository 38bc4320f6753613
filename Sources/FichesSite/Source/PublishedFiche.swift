import FichesCore
import Foundation
import SiteTemplate

/// A fiche that passed its own checks, with what the pages about several
/// fiches need of it: its body as the guide shows it, its search terms and
/// result, its links. Never changed once made; two made from the same bytes of
/// the same file are equal (within one site's context: `PlannedFile`).
final class PublishedFiche: Sendable, Equatable {
    let fiche: Fiche
    let file: SourceFile
    /// The bytes it was read from.
    let digest: Digest
    /// The body with its headings under the fiche's `h3` and its links as the guide writes them.
    private let guide: KeptBytes
    /// The body as the open data gives it (`FicheContent`, encoded).
    private let contentBytes: KeptBytes
    /// The body's links and images with their places in the file and their
    /// targets: the medias to publish, and `.fiches-origines.json`.
    let links: [(location: SourceLocation, target: LinkTarget)]
    let search: SearchEntry
    /// The title's key in French order.
    let sortKey: String
    /// Each contact's organisation's key in French order: the contacts page groups and sorts by it.
    let organisationKeys: [String]
    /// Each contact's hash: the contacts page merges the same contact of several fiches.
    let contactHashes: [Int]
    /// Each public as the search filters name it (`personnes-agees`).
    let publicIDs: [String]
    /// Its rights, province and initiators by their places in the catalogue: the search filters' values.
    let vocabulary: (droits: [Int], provinces: [Int], porteurs: [Int])

    init(
        fiche: Fiche, file: SourceFile, digest: Digest, guideBody: HTML, content: FicheContent, spill: SpillFile?,
        links: [(location: SourceLocation, target: LinkTarget)], search: SearchEntry, catalogue: Catalogue
    ) {
        self.fiche = fiche
        self.file = file
        self.digest = digest
        guide = KeptBytes(guideBody.text.utf8, in: spill)
        contentBytes = KeptBytes(content.bytes, in: spill)
        self.links = links
        self.search = search
        sortKey = FrenchOrder.key(fiche.titre)
        organisationKeys = fiche.contacts.map { FrenchOrder.key($0.organisation) }
        contactHashes = fiche.contacts.map(\.hashValue)
        publicIDs = fiche.publics.map(ListKind.publicID)
        func places(_ terms: [Term], in vocabulary: [Term]) -> [Int] {
            Set(terms.compactMap { term in vocabulary.firstIndex(of: term) }).sorted()
        }
        vocabulary = (
            places(fiche.droits, in: catalogue.droits),
            places(fiche.territoire?.province.map { [$0] } ?? [], in: catalogue.provinces),
            places(fiche.porteurs, in: catalogue.porteurs)
        )
    }

    var slug: String { fiche.slug }

    var guideBody: HTML { HTML(trusted: String(decoding: guide.bytes, as: UTF8.self)) }

    var content: FicheContent { FicheContent(bytes: contentBytes.bytes) }

    static func == (a: PublishedFiche, b: PublishedFiche) -> Bool {
        a === b || (a.digest == b.digest && a.file == b.file)
    }
}

extension Sequence<PublishedFiche> {
    /// French alphabetical order of the titles; ties by the exact title, then the file's path.
    func inFrenchOrder() -> [PublishedFiche] {
        sorted { ($0.sortKey, $0.fiche.titre, $0.file.path) < ($1.sortKey, $1.fiche.titre, $1.file.path) }
    }

    /// The `count` fiches updated last, newest first, then by slug (the feed,
    /// the home page): what sorting them all and keeping the first gives (a test
    /// compares them), with one comparison for most fiches instead of a sort of
    /// the catalogue on each rebuild of the preview.
    func latest(_ count: Int) -> [PublishedFiche] {
        var latest: [PublishedFiche] = []
        latest.reserveCapacity(count + 1)
        for fiche in self {
            if latest.count == count, let last = latest.last, !fiche.isNewer(than: last) { continue }
            var low = 0
            var high = latest.count
            while low < high {
                let middle = (low + high) / 2
                if latest[middle].isNewer(than: fiche) { low = middle + 1 } else { high = middle }
            }
            latest.insert(fiche, at: low)
            if latest.count > count { latest.removeLast() }
        }
        return latest
    }
}

extension PublishedFiche {
    /// The order of `latest`: the newest first; on the same day, by slug.
    func isNewer(than other: PublishedFiche) -> Bool {
        (fiche.miseAJour, other.slug) > (other.fiche.miseAJour, slug)
    }
}

/// A file's bytes in 128 bits: two different fiches never have the same.
struct Digest: Hashable, Sendable {
    let first: Int
    let second: Int

    init(_ bytes: Data) {
        var first = Hasher()
        var second = Hasher()
        first.combine(0)
        second.combine(1)
        bytes.withUnsafeBytes {
            first.combine(bytes: $0)
            second.combine(bytes: $0)
        }
        self.first = first.finalize()
        self.second = second.finalize()
    }
}
