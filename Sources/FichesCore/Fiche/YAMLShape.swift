internal import CYaml

/// What libyaml's event stream says of a YAML text before it is composed into a
/// tree: the composer recurses once per level and copies what an alias names,
/// so a deeply nested text could exhaust the stack, and a "billion laughs"
/// (aliases of aliases) could multiply the work. Neither has a use in a fiche
/// or in the catalogue: both are refused, at their place, before composing.
enum YAMLShape {
    /// Deeper than any fiche or catalogue needs (a contact is at depth 3).
    static let maximumDepth = 20
    /// Far more values than a fiche or a catalogue of hundreds of terms has.
    static let maximumEvents = 200_000

    struct Problem: Equatable {
        var message: String
        /// 1-based, in the YAML text.
        var line: Int
        var column: Int
    }

    /// The first shape problem of `yaml`, or nil (syntax errors are left to the composer, which says them better).
    static func problem(in yaml: String) -> Problem? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        let bytes = Array(yaml.utf8)
        return bytes.withUnsafeBufferPointer { buffer -> Problem? in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var depth = 0
            var count = 0
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
                defer { yaml_event_delete(&event) }
                let mark = event.start_mark
                let place = (line: Int(mark.line) + 1, column: Int(mark.column) + 1)
                count += 1
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return nil
                case YAML_ALIAS_EVENT:
                    return Problem(
                        message: "alias YAML « *… » refusé : une fiche ou le catalogue n'en a jamais besoin ; "
                            + "recopiez la valeur", line: place.line, column: place.column)
                case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                    depth += 1
                    if depth > maximumDepth {
                        return Problem(
                            message: "imbrication trop profonde : plus de \(maximumDepth) niveaux de listes ou de clés",
                            line: place.line, column: place.column)
                    }
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    depth -= 1
                default:
                    break
                }
                if count > maximumEvents {
                    return Problem(
                        message: "en-tête trop long : plus de \(maximumEvents) valeurs YAML",
                        line: place.line, column: place.column)
                }
            }
        }
    }
}
