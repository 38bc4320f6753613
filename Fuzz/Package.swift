// swift-tools-version: 6.1
// libFuzzer targets: `make fuzz` builds them with -sanitize=fuzzer,address and runs each.
import PackageDescription

let package = Package(
    name: "fiches-fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "fiches", path: "..")],
    targets: [
        .target(name: "FuzzDriver"),
        .executableTarget(
            name: "FuzzFrontMatter", dependencies: ["FuzzDriver", .product(name: "FichesCore", package: "fiches")]),
        .executableTarget(
            name: "FuzzMarkdown",
            dependencies: [
                "FuzzDriver", .product(name: "FichesCore", package: "fiches"),
                .product(name: "FichesMarkdown", package: "fiches"),
            ]),
        .executableTarget(
            name: "FuzzHTMLScan", dependencies: ["FuzzDriver", .product(name: "FichesLinks", package: "fiches")]),
    ]
)
