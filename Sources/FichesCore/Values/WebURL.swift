import Foundation

/// An absolute http or https URL with a host.
public struct WebURL: Hashable, Sendable {
    public let absoluteString: String

    public init?(_ text: String) {
        guard let components = URLComponents(string: text),
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = components.host, host.contains("."), !host.hasPrefix("."), !host.hasSuffix(".")
        else { return nil }
        absoluteString = text
    }
}
