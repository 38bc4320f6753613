// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "fiches",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "fiches", targets: ["fiches"]),
        .library(name: "FichesSite", targets: ["FichesSite"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // C libraries, each imported by exactly one Swift module.
        .systemLibrary(
            name: "CCmarkGFM", pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),
        .systemLibrary(
            name: "CLibXML2", pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]),

        // The pipeline: core model → Markdown → site → link scan → command line.
        .target(
            name: "FichesCore",
            dependencies: [.product(name: "Yams", package: "Yams")]),
        .target(name: "FichesMarkdown", dependencies: ["FichesCore", "CCmarkGFM"]),
        .target(
            name: "FichesSite",
            dependencies: [
                "FichesCore", "FichesMarkdown",
                .product(name: "Mustache", package: "swift-mustache"),
            ]),
        .target(name: "FichesLinks", dependencies: ["CLibXML2"]),
        .executableTarget(
            name: "fiches",
            dependencies: [
                "FichesSite",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        .testTarget(
            name: "FichesCoreTests", dependencies: ["FichesCore"],
            resources: [.copy("Fixtures")]),
        .testTarget(name: "FichesMarkdownTests", dependencies: ["FichesMarkdown"]),
        .testTarget(
            name: "FichesSiteTests", dependencies: ["FichesSite", "FichesLinks", "fiches"],
            exclude: ["Fixtures"]),
    ]
)
