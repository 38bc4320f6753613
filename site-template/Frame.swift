import FichesCore

/// What every page has around its content: the site, where the page is, its
/// title and its breadcrumbs. `page(_:)` is the layout all pages share.
public struct Frame: Sendable {
    public var site: Catalogue.Site
    public var router: Router
    /// The page itself: links are made relative to it.
    public var route: Route
    /// Nil on the home page, whose title is the site's.
    public var title: String?
    /// The meta description; nil for the site's description.
    public var description: HTML?
    /// The pages between the home page and this one, for the breadcrumbs.
    public var trail: [(title: String, route: Route)]
    /// Whether the breadcrumbs list the home page, the trail and this page.
    public var breadcrumbs: Bool
    public var openGraphType = "website"
    /// Printed at the top of every sheet beside the site's name: a fiche's update date.
    public var printNote: String?
    /// Whether the site has a privacy page (`vie-privee` in `catalogue.yml`).
    public var privacy = false
    /// Added at the end of `<head>` (a fiche's JSON-LD).
    public var head: HTML = .empty
    /// Added at the end of `<body>`.
    public var scripts: HTML = .empty

    public init(
        site: Catalogue.Site, router: Router, route: Route, title: String?, description: HTML? = nil,
        trail: [(title: String, route: Route)] = [], breadcrumbs: Bool = true
    ) {
        self.site = site
        self.router = router
        self.route = route
        self.title = title
        self.description = description
        self.trail = trail
        self.breadcrumbs = breadcrumbs
    }

    /// The link from this page to `route`.
    public func link(_ route: Route, _ fragment: String? = nil) -> String {
        router.link(to: route, fragment: fragment, from: self.route)
    }

    /// Another page whose address is this page's canonical one: a former address's fiche.
    public var canonicalRoute: Route?

    /// The page's address, for search engines and Open Graph; none for the 404 page.
    var canonical: String? { route == .notFound ? nil : router.absolute(canonicalRoute ?? route) }

    var pageTitle: String { title.map { "\($0) — \(site.titre)" } ?? site.titre }

    /// The whole page around `content`.
    public func page(_ content: HTML) -> HTML {
        // An attribute: the non-breaking spaces of the text it was written as are ordinary ones again.
        let description = HTML(
            trusted: (description ?? "\(site.description)").text.replacingOccurrences(of: "\u{A0}", with: " ")
                .replacingOccurrences(of: "\u{202F}", with: " "))
        return """
            <!DOCTYPE html>
            <html lang="\(site.langue)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(pageTitle)</title>
            <meta name="description" content="\(description)">
            \(canonical, { url in
                """
                <link rel="canonical" href="\(url)">
                <meta property="og:url" content="\(url)">

                """
            })<meta property="og:type" content="\(openGraphType)">
            <meta property="og:title" content="\(pageTitle)">
            <meta property="og:description" content="\(description)">
            <meta property="og:site_name" content="\(site.titre)">
            <meta property="og:locale" content="\(site.langue.replacing("-", with: "_"))">
            <link rel="alternate" type="application/atom+xml" title="\(site.titre) : fiches mises à jour" href="\(link(.feed))">
            \(head)
            <link rel="stylesheet" href="\(link(.asset("fiches.css")))">
            \(printMargins)
            </head>
            <body>
            <a class="evitement" href="#contenu">Aller au contenu</a>
            <header class="entete">
            <div class="cadre">
            <p class="marque">\(publisher)<a href="\(link(.home))">\(site.titre)</a></p>
            <nav id="navigation" aria-label="Navigation principale">
            <ul>
            <li><a href="\(link(.home))">Accueil</a></li>
            <li><a href="\(link(.contacts(page: 1)))">Contacts</a></li>
            <li><a href="\(link(.guide))">Guide complet</a></li>
            </ul>
            </nav>
            </div>
            </header>
            <nav class="fil cadre" aria-label="Fil d'Ariane">
            <ol>
            \(if: breadcrumbs, crumbs)</ol>
            </nav>
            <main id="contenu" class="cadre" tabindex="-1">
            \(content)
            </main>
            <footer class="pied">
            <div class="cadre">
            <p>Éditeur : \(site.editeur)\(site.portail, { " (<a href=\"\($0)\">portail de la Cohésion sociale</a>)" }).</p>
            <ul>
            <li><a href="\(link(.contacts(page: 1)))">Contacts</a></li>
            <li><a href="\(link(.guide))">Guide complet (imprimable)</a></li>
            <li><a href="\(link(.legalNotice))">Mentions légales</a></li>
            \(if: privacy, "<li><a href=\"\(link(.privacy))\">Vie privée</a></li>\n")\
            <li><a href="\(link(.accessibility))">Accessibilité</a></li>
            \(site.portail, { "<li><a href=\"\($0)\">Portail de la Cohésion sociale</a></li>\n" })\
            </ul>
            </div>
            </footer>
            \(scripts)
            </body>
            </html>

            """
    }

    /// The publisher in the header: its logo, a link to its portal when there is one, and its name.
    private var publisher: HTML {
        // Its text said once: the publisher's name follows it.
        let logo: HTML =
            site.logo.map {
                let alt = site.editeur.contains($0.texte) ? "" : $0.texte
                return "<img src=\"\(link(.media($0.fichier)))\" alt=\"\(alt)\" class=\"logo\">"
            } ?? .empty
        let name: HTML = "\(logo)<span>\(site.editeur)</span>"
        return site.portail.map { "<a class=\"editeur\" href=\"\($0)\">\(name)</a>" }
            ?? "<span class=\"editeur\">\(name)</span>"
    }

    /// The page's margins on paper, on every sheet: the site's name and the
    /// page's `printNote` at the top, its address and the sheet's number at the foot.
    private var printMargins: HTML {
        let margin = { (box: String, content: HTML) -> HTML in
            "@\(box) { content: \(content); font: 8pt system-ui, sans-serif; color: #444; }\n"
        }
        return """
            <style media="print">@page {
            \(margin("top-left", cssString(Typography.french(site.titre))))\
            \(printNote, { margin("top-right", cssString(Typography.french($0))) })\
            \(canonical, { margin("bottom-left", cssString($0)) })\
            \(margin("bottom-right", "\"page \" counter(page) \" sur \" counter(pages)"))\
            }</style>

            """
    }

    /// Home, the trail, then this page (not a link).
    private var crumbs: HTML {
        let links = ([(title: "Accueil", route: Route.home)] + trail).map { crumb -> HTML in
            "<li><a href=\"\(link(crumb.route))\">\(crumb.title)</a></li>\n"
        }
        return "\(links)\(title, { "<li><span aria-current=\"page\">\($0)</span></li>\n" })"
    }
}

/// A CSS string literal holding `text` as it is: quotes and backslashes
/// escaped, and `<` too, so that no `</style>` can end the element it is in.
private func cssString(_ text: String) -> HTML {
    var quoted = "\""
    for character in text.unicodeScalars {
        switch character {
        case "\\", "\"": quoted += "\\\(character)"
        case "<": quoted += "\\3C "
        case "\n", "\r": quoted += " "
        default: quoted.unicodeScalars.append(character)
        }
    }
    return HTML(trusted: quoted + "\"")
}
