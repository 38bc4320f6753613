import FichesCore
import Foundation

/// What the preview adds to the site: the reload script, and the page listing
/// the errors that replaces every page while the sources have some.
enum Overlay {
    /// Waits for a generation newer than the page's, then reloads the page.
    static let script = """
        (function () {
          // The word « Fiche enregistrée » is said once, not at each reload.
          if (location.search.indexOf("enregistree") !== -1) history.replaceState(null, "", location.pathname);
          var generation = document.currentScript.getAttribute("data-generation");
          var events = new EventSource("/_fiches/evenements?depuis=" + generation);
          events.addEventListener("reload", function () {
            events.close();
            location.reload();
          });
        })();

        """

    /// The bar of `tools`, on screen only: a printed page is the site's.
    static let style = """
        .apercu-outils { margin: 0 0 1rem; padding: .5rem .75rem; border: 1px solid #005a8c; border-radius: .3rem; background: #eef5fa; }
        .apercu-outils p { margin: 0; }
        .apercu-outils p + p { margin-top: .25rem; }
        @media print { .apercu-outils { display: none; } }

        """

    static func tag(_ generation: Int) -> String {
        "<script src=\"/_fiches/apercu.js\" data-generation=\"\(generation)\" defer></script>"
    }

    /// The page with the reload script before its `</body>` (at its end when it
    /// has none), and `tools` at the start of its `<main>`.
    static func inject(into page: Data, generation: Int, tools: HTML = .empty) -> Data {
        let tag = Data(tag(generation).utf8)
        var page = page
        if let end = page.lastRange(of: Data("</body>".utf8)) {
            page.insert(contentsOf: tag, at: end.lowerBound)
        } else {
            page += tag
        }
        if !tools.text.isEmpty, let main = page.range(of: Data("<main".utf8)),
            let close = page[main.upperBound...].firstIndex(of: UInt8(ascii: ">"))
        {
            page.insert(contentsOf: Data(("\n" + tools.text).utf8), at: close + 1)
        }
        return page
    }

    /// The preview's links to its form: a new fiche from any page, and on a
    /// fiche's page, its form, with a word after it was saved there.
    static func tools(fiche: (slug: String, display: String, warnings: Int)?, saved: Bool) -> HTML {
        let edit: HTML = fiche.map { "<a href=\"/_fiches/modifier/\($0.slug)\">Modifier cette fiche</a> · " } ?? .empty
        var notice = HTML.empty
        if let fiche, saved {
            let review: HTML =
                fiche.warnings == 0
                ? .empty
                : " \(fiche.warnings == 1 ? "Un point reste" : "\(fiche.warnings) points restent") à revoir : <a href=\"/_fiches/modifier/\(fiche.slug)\">voyez le formulaire</a>."
            notice =
                "<p role=\"status\"><strong>Fiche enregistrée</strong> dans <code>\(fiche.display)</code>.\(review)</p>"
        }
        return """
            <link rel="stylesheet" href="\(PreviewServer.prefix)/apercu.css">\
            <nav class="apercu-outils" aria-label="Outils de l'aperçu"><p>\
            <strong>Aperçu :</strong> \(edit)<a href="/_fiches/nouvelle-fiche">Nouvelle fiche</a></p>\(notice)</nav>
            """
    }

    /// Every diagnostic at its file, line and column, with the line it points at.
    static func page(for snapshot: Snapshot) -> Data {
        var excerpts = Excerpts()
        var items = snapshot.failure.map { ["<li><p>\(Markup.escape($0))</p></li>"] } ?? []
        for diagnostic in snapshot.diagnostics {
            let place = "\(diagnostic.file):\(diagnostic.location.line):\(diagnostic.location.column)"
            let excerpt = excerpts.excerpt(for: diagnostic).map { "<pre>\(Markup.escape($0))</pre>" } ?? ""
            let slug = diagnostic.file.hasSuffix(".md") ? Slug.ofFile(diagnostic.file) : nil
            let form =
                slug.map {
                    " <a href=\"/_fiches/modifier/\(Markup.escape(String($0)))\">Corriger dans le formulaire</a>"
                } ?? ""
            items.append(
                "<li class=\"\(diagnostic.severity == .error ? "erreur" : "avertissement")\"><p><code>\(Markup.escape(place))</code> "
                    + "<strong>\(diagnostic.severity.rawValue)</strong> : \(Markup.escape(diagnostic.message))\(form)</p>\(excerpt)</li>"
            )
        }
        let summary = snapshot.failure == nil ? snapshot.diagnostics.summary : "La construction s'est arrêtée."
        return Data(
            """
            <!DOCTYPE html>
            <html lang="fr">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>À corriger — aperçu des fiches</title>
            <style>
            body { margin: 0; font: 1rem/1.5 system-ui, sans-serif; color: #1a1a1a; background: #fff; }
            #fiches-erreurs { position: fixed; inset: 0; overflow: auto; padding: 1.5rem; background: #fff; }
            h1 { margin-top: 0; color: #a4000f; font-size: 1.5rem; }
            ol { padding-left: 1.25rem; }
            li { margin-bottom: 1.25rem; }
            li.avertissement strong { color: #7a4d00; }
            li.erreur strong { color: #a4000f; }
            code, pre { font-family: ui-monospace, monospace; }
            pre { margin: .5rem 0 0; padding: .75rem; overflow-x: auto; background: #f3f3f3; border-left: 4px solid #a4000f; }
            </style>
            </head>
            <body>
            <div id="fiches-erreurs" role="alert">
            <h1>Le site n'a pas pu être reconstruit</h1>
            <p>\(Markup.escape(summary)). Corrigez et enregistrez : la page se rechargera d'elle-même.</p>
            <ol>
            \(items.joined(separator: "\n"))
            </ol>
            </div>
            \(tag(snapshot.generation))
            </body>
            </html>

            """.utf8)
    }
}
