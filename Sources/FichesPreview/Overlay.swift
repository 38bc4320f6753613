import FichesCore
import Foundation

/// What the preview adds to the site: the reload script, and the page listing
/// the errors that replaces every page while the sources have some.
enum Overlay {
    /// Waits for a generation newer than the page's, then reloads the page.
    static let script = """
        (function () {
          var generation = document.currentScript.getAttribute("data-generation");
          var events = new EventSource("/_fiches/evenements?depuis=" + generation);
          events.addEventListener("reload", function () {
            events.close();
            location.reload();
          });
        })();

        """

    static func tag(_ generation: Int) -> String {
        "<script src=\"/_fiches/apercu.js\" data-generation=\"\(generation)\" defer></script>"
    }

    /// The page with the reload script before its `</body>` (at its end when it has none).
    static func inject(into page: Data, generation: Int) -> Data {
        let tag = Data(tag(generation).utf8)
        guard let end = page.lastRange(of: Data("</body>".utf8)) else { return page + tag }
        var page = page
        page.insert(contentsOf: tag, at: end.lowerBound)
        return page
    }

    /// Every diagnostic at its file, line and column, with the line it points at.
    static func page(for snapshot: Snapshot) -> Data {
        var excerpts = Excerpts()
        var items = snapshot.failure.map { ["<li><p>\(Markup.escape($0))</p></li>"] } ?? []
        for diagnostic in snapshot.diagnostics {
            let place = "\(diagnostic.file):\(diagnostic.location.line):\(diagnostic.location.column)"
            let excerpt = excerpts.excerpt(for: diagnostic).map { "<pre>\(Markup.escape($0))</pre>" } ?? ""
            items.append(
                "<li class=\"\(diagnostic.severity == .error ? "erreur" : "avertissement")\"><p><code>\(Markup.escape(place))</code> "
                    + "<strong>\(diagnostic.severity.rawValue)</strong> : \(Markup.escape(diagnostic.message))</p>\(excerpt)</li>"
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
