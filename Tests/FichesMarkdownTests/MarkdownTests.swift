import Testing

@testable import FichesMarkdown

private let identity = MarkdownRendering { $0.destination }

private func html(_ text: String, reserved: Set<String> = []) -> String {
    Markdown.render(text, reservedIDs: reserved, renderings: [identity]).html[0]
}

@Test func headingsGetStableTransliteratedIDs() {
    let text = "## Mise en œuvre\n\n## Public\n\n## Public\n\n### Points d’attention\n"
    #expect(
        html(text) == """
            <h2 id="mise-en-oeuvre">Mise en œuvre</h2>
            <h2 id="public">Public</h2>
            <h2 id="public-2">Public</h2>
            <h3 id="points-d-attention">Points d’attention</h3>

            """)
}

@Test func headingsAvoidTheIDsThePageUses() {
    #expect(html("## Contacts\n", reserved: ["contacts"]) == "<h2 id=\"contacts-2\">Contacts</h2>\n")
}

@Test func rawHTMLNeverReachesThePageAndIsReported() {
    let text = "Texte <script>alert(1)</script> fin.\n\n<div onclick=\"x()\">bloc</div>\n"
    let (outline, rendered) = Markdown.render(text, renderings: [identity])
    #expect(!rendered[0].contains("<script"))
    #expect(!rendered[0].contains("<div"))
    #expect(
        outline.rawHTML.map { "\($0.line):\($0.column) \($0.html)" } == [
            "1:7 <script>", "1:23 </script>", "3:1 <div onclick=\"x()\">bloc</div>",
        ])
}

@Test func javascriptLinksAreDroppedKeepingTheirText() {
    let text = "Voir [ici](javascript:alert(1)) et [là](https://example.be).\n"
    let rendered = Markdown.render(
        text, drop: { $0.destination.hasPrefix("javascript:") }, renderings: [identity]
    ).html[0]
    #expect(rendered == "<p>Voir ici et <a href=\"https://example.be\">là</a>.</p>\n")
}

@Test func linksAndImagesComeWithTheirPlaceInScalarColumns() {
    let text = "Première ligne\n\nÉté : [la maison](maison-medicale.md#public) ![Un café](img/cafe.jpg)\n"
    let links = Markdown.render(text, renderings: []).outline.links
    #expect(
        links == [
            MarkdownLink(kind: .link, destination: "maison-medicale.md#public", text: "la maison", line: 3, column: 7),
            MarkdownLink(kind: .image, destination: "img/cafe.jpg", text: "Un café", line: 3, column: 46),
        ])
}

/// cmark-gfm's autolink extension gives the links it makes no position: each is
/// found where its text is written, a repeated address at each of its places.
@Test func linksMadeFromBareAddressesHaveTheirPlace() {
    let text = """
        Intro.

        - Été : écrire à info@wavre.b ou
          à www.wavre.be, ou encore à info@wavre.b.
        - Voir https://wavre.be/été et <https://wavre.be/y> ou www.wavre.be.

        """
    let links = Markdown.render(text, renderings: []).outline.links
    #expect(
        links.map { "\($0.destination)@\($0.line):\($0.column)" } == [
            "mailto:info@wavre.b@3:18", "http://www.wavre.be@4:5", "mailto:info@wavre.b@4:31",
            "https://wavre.be/été@5:8", "https://wavre.be/y@5:32", "http://www.wavre.be@5:56",
        ])
}

@Test func eachRenderingRewritesLinksAndPrefixesIDs() {
    let text = "## Public\n\n[x](a.md)\n"
    let renderings = [
        MarkdownRendering { "../\($0.destination.dropLast(3))/" },
        MarkdownRendering(idPrefix: "b--") { "#\($0.destination.dropLast(3))" },
    ]
    #expect(
        Markdown.render(text, renderings: renderings).html == [
            "<h2 id=\"public\">Public</h2>\n<p><a href=\"../a/\">x</a></p>\n",
            "<h2 id=\"b--public\">Public</h2>\n<p><a href=\"#a\">x</a></p>\n",
        ])
}

@Test func gitHubExtensionsAreOn() {
    let rendered = html("| a | b |\n|---|---|\n| 1 | ~~2~~ |\n\nhttps://www.wallonie.be\n")
    #expect(rendered.contains("<table>"))
    #expect(rendered.contains("<del>2</del>"))
    #expect(rendered.contains("<a href=\"https://www.wallonie.be\">"))
}

@Test func headingTagsInCodeAreNotTakenForHeadings() {
    #expect(html("`<h2>`\n\n## Vrai\n") == "<p><code>&lt;h2&gt;</code></p>\n<h2 id=\"vrai\">Vrai</h2>\n")
}

/// cmark-gfm keeps the extensions' special characters in one process-wide table
/// and changes it around every parse: concurrent parses once lost their `~~`.
@Test func concurrentRendersKeepEveryExtension() async {
    let text = "Un ~~ancien~~ nouveau texte.\n\n| a | b |\n|---|---|\n| ~~c~~ | d |\n"
    let pages = await withTaskGroup(of: String.self) { group in
        for _ in 0..<400 {
            group.addTask { Markdown.render(text, renderings: [MarkdownRendering { $0.destination }]).html[0] }
        }
        return await group.reduce(into: []) { $0.append($1) }
    }
    #expect(pages.count == 400)
    #expect(pages.allSatisfy { $0.components(separatedBy: "<del>").count == 3 })
}
