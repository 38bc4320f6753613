import FichesCore
import Foundation

/// `atom.xml` (the fifty most recently updated fiches, newest first), `sitemap.xml`
/// (every page, with the date of its newest fiche) and `robots.txt`. Every
/// date comes from the fiches' `mise-a-jour`; entry ids do not depend on the
/// address the site is published at.
struct Feeds {
    let catalogue: Catalogue
    let fiches: [Fiche]
    /// The site's absolute base URL, ending with `/`.
    let baseURL: String
    /// The pages of lists past their first (a right's page 2…, the guide's parts), with their newest date.
    var morePages: [(path: String, date: ISODate?)] = []

    /// A feed reader wants what changed lately, not the whole catalogue.
    static let atomLimit = 50

    /// `tag:cohesionsociale.wallonie.be,2024:fiches/alzheimer-cafe`: the host of
    /// `site.url` (not of `--base-url`), so a preview deployment keeps the ids.
    func entryID(_ slug: String) -> String { "\(feedID)/\(slug)" }

    /// `tag:cohesionsociale.wallonie.be,2024:fiches`.
    var feedID: String { "tag:\(URLComponents(string: catalogue.site.url)?.host ?? "fiches.invalid"),2024:fiches" }

    /// Midnight UTC of a fiche's day: the feed's dates.
    static func timestamp(_ date: ISODate) -> String { "\(date)T00:00:00Z" }

    func atom() -> Data {
        let ordered = fiches.sorted { ($0.miseAJour, $1.slug) > ($1.miseAJour, $0.slug) }
        let site = catalogue.site
        var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(Markup.escape(site.langue))">
            <title>\(Markup.escape(site.titre))</title>
            <subtitle>\(Markup.escape(site.description))</subtitle>
            <id>\(Markup.escape(feedID))</id>
            <link rel="self" type="application/atom+xml" href="\(Markup.escape(baseURL))atom.xml"/>
            <link rel="alternate" type="text/html" href="\(Markup.escape(baseURL))"/>
            <updated>\(Self.timestamp(ordered.first?.miseAJour ?? ISODate(year: 2000, month: 1, day: 1)!))</updated>
            <author><name>\(Markup.escape(site.editeur))</name></author>

            """
        for fiche in ordered.prefix(Self.atomLimit) {
            xml += """
                <entry>
                <id>\(Markup.escape(entryID(fiche.slug)))</id>
                <title>\(Markup.escape(fiche.titre))</title>
                <link rel="alternate" type="text/html" href="\(Markup.escape(baseURL))fiches/\(fiche.slug)/"/>
                <updated>\(Self.timestamp(fiche.miseAJour))</updated>
                <summary>\(Markup.escape(fiche.resume))</summary>

                """
            for id in fiche.droits {
                if let droit = catalogue.droit(id) {
                    xml += "<category term=\"\(id)\" label=\"\(Markup.escape(droit.libelle))\"/>\n"
                }
            }
            xml += "</entry>\n"
        }
        return Data((xml + "</feed>\n").utf8)
    }

    func sitemap() -> Data {
        func newest(_ fiches: [Fiche]) -> ISODate? { fiches.map(\.miseAJour).max() }
        var pages: [(path: String, date: ISODate?)] = [
            ("", newest(fiches)), ("contacts/", newest(fiches)), ("guide/", newest(fiches)), ("accessibilite/", nil),
        ]
        pages += catalogue.droits.map { droit in
            ("droits/\(droit.id)/", newest(fiches.filter { $0.droits.contains(droit.id) }))
        }
        pages += morePages
        pages += fiches.sorted { $0.slug < $1.slug }.map { ("fiches/\($0.slug)/", $0.miseAJour) }
        var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">

            """
        for page in pages {
            xml += "<url><loc>\(Markup.escape(baseURL + page.path))</loc>"
            if let date = page.date { xml += "<lastmod>\(date)</lastmod>" }
            xml += "</url>\n"
        }
        return Data((xml + "</urlset>\n").utf8)
    }

    func robots() -> Data {
        Data("User-agent: *\nAllow: /\n\nSitemap: \(baseURL)sitemap.xml\n".utf8)
    }

    func files() -> [OutputFile] {
        [
            OutputFile(path: "atom.xml", contents: .bytes(atom())),
            OutputFile(path: "sitemap.xml", contents: .bytes(sitemap())),
            OutputFile(path: "robots.txt", contents: .bytes(robots())),
        ]
    }
}
