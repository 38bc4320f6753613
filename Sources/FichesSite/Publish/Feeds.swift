import FichesCore
import Foundation

/// `atom.xml` (the fifty most recently updated fiches, newest first),
/// `sitemap.xml` (every page, with the date of its newest fiche) and
/// `robots.txt`. Every date comes from the fiches' `mise-a-jour`; entry ids do
/// not depend on the address the site is published at.
enum Feeds {
    /// A feed reader wants what changed lately, not the whole catalogue.
    static let atomLimit = 50

    /// `tag:cohesionsociale.wallonie.be,2024:fiches`: the host of `site.url`
    /// (not of `--base-url`), so a preview deployment keeps the ids.
    static func feedID(_ catalogue: Catalogue) -> String {
        "tag:\(URLComponents(string: catalogue.site.url)?.host ?? "fiches.invalid"),2024:fiches"
    }

    /// Midnight UTC of a fiche's day: the feed's dates.
    static func timestamp(_ date: ISODate) -> String { "\(date)T00:00:00Z" }

    /// `fiches`: the newest first.
    static func atom(_ published: [PublishedFiche], catalogue: Catalogue, router: Router) -> Data {
        let fiches = published.map(\.fiche)
        let site = catalogue.site
        let id = feedID(catalogue)
        var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(Markup.escape(site.langue))">
            <title>\(Markup.escape(site.titre))</title>
            <subtitle>\(Markup.escape(site.description))</subtitle>
            <id>\(Markup.escape(id))</id>
            <link rel="self" type="application/atom+xml" href="\(Markup.escape(router.absolute(.feed)))"/>
            <link rel="alternate" type="text/html" href="\(Markup.escape(router.absolute(.home)))"/>
            <updated>\(timestamp(fiches.first?.miseAJour ?? ISODate(year: 2000, month: 1, day: 1)!))</updated>
            <author><name>\(Markup.escape(site.editeur))</name></author>

            """
        for (fiche, published) in zip(fiches, published) {
            xml += """
                <entry>
                <id>\(Markup.escape("\(id)/\(fiche.slug)"))</id>
                <title>\(Markup.escape(fiche.titre))</title>
                <link rel="alternate" type="text/html" href="\(Markup.escape(router.absolute(.fiche(slug: fiche.slug))))"/>
                <updated>\(timestamp(fiche.miseAJour))</updated>
                <summary>\(Markup.escape(fiche.resume))</summary>
                <content type="text">\(Markup.escape(published.content.texte))</content>

                """
            for droit in fiche.droits {
                xml += "<category term=\"\(droit.id)\" label=\"\(Markup.escape(droit.libelle))\"/>\n"
            }
            xml += "</entry>\n"
        }
        return Data((xml + "</feed>\n").utf8)
    }

    static func sitemap(_ entries: [SitemapEntry], router: Router) -> Data {
        var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">

            """
        for entry in entries {
            xml += "<url><loc>\(Markup.escape(router.absolute(entry.route)))</loc>"
            if let date = entry.date { xml += "<lastmod>\(date)</lastmod>" }
            xml += "</url>\n"
        }
        return Data((xml + "</urlset>\n").utf8)
    }

    static func robots(router: Router) -> Data {
        Data("User-agent: *\nAllow: /\n\nSitemap: \(router.absolute(.sitemap))\n".utf8)
    }
}
