/// A value a template can show. Absent optional values are `.null`, never a
/// missing key: a key the page does not have is an error, not an empty hole.
indirect enum TemplateValue: Sendable, ExpressibleByStringLiteral, ExpressibleByBooleanLiteral {
    case text(String)
    case bool(Bool)
    case list([TemplateValue])
    case object([String: TemplateValue])
    case null

    init(stringLiteral value: String) { self = .text(value) }
    init(booleanLiteral value: Bool) { self = .bool(value) }

    /// `.text` or `.null`.
    static func optional(_ text: String?) -> TemplateValue { text.map(TemplateValue.text) ?? .null }

    static func optional(_ object: [String: TemplateValue]?) -> TemplateValue {
        object.map(TemplateValue.object) ?? .null
    }
}
