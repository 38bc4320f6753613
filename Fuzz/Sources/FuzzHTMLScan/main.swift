import FichesLinks
import Foundation

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

// SwiftPM makes this file the program's main, in place of libFuzzer's: it starts libFuzzer's driver itself.
@_silgen_name("LLVMFuzzerRunDriver")
func runDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

var argc = CommandLine.argc
var argv = CommandLine.unsafeArgv
exit(runDriver(&argc, &argv) { data, size in data.map { fuzz($0, size) } ?? 0 })
