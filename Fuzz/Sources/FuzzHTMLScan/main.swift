import FichesLinks
import Foundation
import FuzzDriver

/// One page through libxml2's HTML parser (SAX), then each link resolved as the checker does.
enum Fixture {
    static let resolver = LinkResolver(siteURL: "https://example.org/bonnes-pratiques/")
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let page = HTMLScanner().scan(UnsafeRawBufferPointer(start: data, count: size))
    let base = Fixture.resolver.base(of: "fiches/x/index.html", baseHref: page.base)
    for link in page.links { _ = Fixture.resolver.resolve(link.value, from: base) }
    return 0
}

runLibFuzzer { data, size in data.map { fuzz($0, size) } ?? 0 }
