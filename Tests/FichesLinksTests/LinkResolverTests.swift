import Foundation
import Testing

@testable import FichesLinks

/// RFC 3986 resolution from a page of a site deployed under a sub-path.
@Test(arguments: [
    ("fiches/x/index.html", "../y/", Resolution.page(path: "fiches/y/", fragment: nil)),
    ("fiches/x/index.html", "../../", .page(path: "", fragment: nil)),
    ("fiches/x/index.html", "../../../", .outside),
    ("index.html", "a/./b/../c", .page(path: "a/c", fragment: nil)),
    ("index.html", "a/..", .page(path: "", fragment: nil)),
    ("index.html", "a/b/.", .page(path: "a/b/", fragment: nil)),
    ("index.html", "caf%C3%A9.html#%C3%A9t%C3%A9", .page(path: "café.html", fragment: "été")),
    ("index.html", "?droit=sante", .page(path: "index.html", fragment: nil)),
    ("index.html", "#", .page(path: "index.html", fragment: "")),
    ("index.html", "  x.html \n", .page(path: "x.html", fragment: nil)),
    ("index.html", "/bonnes-pratiques/x/", .page(path: "x/", fragment: nil)),
    ("index.html", "/bonnes-pratiques", .rootWithoutSlash(fragment: nil)),
    ("index.html", "/autre/", .outside),
    ("index.html", "https://example.org/bonnes-pratiques/x/#f", .page(path: "x/", fragment: "f")),
    ("index.html", "https://example.org/bonnes-pratiques", .rootWithoutSlash(fragment: nil)),
    ("index.html", "https://example.org/ailleurs", .web("https://example.org/ailleurs")),
    ("index.html", "//cdn.example/x.js", .web("https://cdn.example/x.js")),
    ("index.html", "HTTPS://autre.example/#x", .web("HTTPS://autre.example/#x")),
    ("index.html", "mailto:a@b.be", .mail("a@b.be")),
    ("index.html", "tel:+3265123456", .phone("+3265123456")),
    ("index.html", "data:text/plain,x", .ignored(scheme: "data")),
    ("index.html", "x:y", .ignored(scheme: "x")),
])
func resolution(document: String, href: String, expected: Resolution) {
    let resolver = LinkResolver(siteURL: "https://example.org/bonnes-pratiques/")
    #expect(resolver.resolve(href, from: .document(document)) == expected)
}

@Test func aBaseElementChangesWhatRelativeLinksAndBareFragmentsMean() {
    let resolver = LinkResolver(siteURL: "https://example.org/bonnes-pratiques/")
    let inside = resolver.base(of: "fiches/x/index.html", baseHref: "../../")
    #expect(inside == .document(""))
    #expect(resolver.resolve("#haut", from: inside) == .page(path: "", fragment: "haut"))
    let outside = resolver.base(of: "index.html", baseHref: "https://cdn.example/dossier/")
    #expect(resolver.resolve("x.html", from: outside) == .web("https://cdn.example/dossier/x.html"))
    #expect(resolver.base(of: "index.html", baseHref: nil) == .document("index.html"))
}

@Test func percentDecodingLeavesTextThatIsNotUTF8AsItIs() {
    #expect(LinkResolver.percentDecoded("%C3%A9t%C3%A9") == "été")
    #expect(LinkResolver.percentDecoded("100%") == "100%")
    #expect(LinkResolver.percentDecoded("%E9t%E9") == "%E9t%E9")
}
