// swift-tools-version: 6.1
// libFuzzer targets: `make fuzz` builds them with -sanitize=fuzzer,address and runs each.
import PackageDescription

let package = Package(
    name: "fiches-fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "fiches", path: "..")],
    targets: [
        .executableTarget(
            name: "FuzzFrontMatter", dependencies: [.product(name: "FichesCore", package: "fiches")]),
        .executableTarget(
            name: "FuzzMarkdown",
            dependencies: [
                .product(name: "FichesCore", package: "fiches"), .product(name: "FichesMarkdown", package: "fiches"),
            ]),
        .executableTarget(
            name: "FuzzHTMLScan", dependencies: [.product(name: "FichesLinks", package: "fiches")]),
    ]
)
