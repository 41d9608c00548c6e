import EddySchemaRegistry

/// Teaches the registry Avro: schemas must parse, equal texts (ignoring whitespace) share an id,
/// and compatibility follows Avro's schema-resolution rules.
public struct AvroSchemaSupport: SchemaTypeSupport {
    public var schemaType: String { RegisteredSchema.avro }
    public init() {}

    public func canonicalForm(of schema: RegisteredSchema, resolver: any SchemaReferenceResolver) throws -> String {
        do { _ = try AvroSchema.parse(schema.schema) } catch {
            throw SchemaRegistryError.invalidSchema("\(error)")
        }
        return OpaqueSchemaSupport.squeezingWhitespace(schema.schema)
    }

    public func readIssues(reader: RegisteredSchema, writer: RegisteredSchema, resolver: any SchemaReferenceResolver) -> [String] {
        guard let r = try? AvroSchema.parse(reader.schema), let w = try? AvroSchema.parse(writer.schema) else {
            return ["Schema does not parse"]
        }
        var issues: [String] = []
        AvroCompatibility.check(reader: r, writer: w, path: "", issues: &issues)
        return issues
    }
}

/// Avro's schema-resolution rules: can data written with `writer` be read with `reader`?
enum AvroCompatibility {
    static func check(reader: AvroSchema, writer: AvroSchema, path: String, issues: inout [String]) {
        switch (reader, writer) {
        case (_, .union(let wb)):
            for b in wb { check(reader: reader, writer: b, path: path, issues: &issues) }
        case (.union(let rb), _):
            if !rb.contains(where: { var none: [String] = []; check(reader: $0, writer: writer, path: path, issues: &none); return none.isEmpty }) {
                issues.append("\(path.isEmpty ? "/" : path): reader union lacks type \(writer.typeName)")
            }
        case (.null, .null), (.boolean, .boolean), (.string, .string), (.bytes, .bytes),
             (.int, .int), (.long, .long), (.float, .float), (.double, .double),
             (.long, .int), (.float, .int), (.float, .long), (.double, .int), (.double, .long), (.double, .float),
             (.string, .bytes), (.bytes, .string):
            break
        case (.array(let ri), .array(let wi)):
            check(reader: ri, writer: wi, path: path + "/items", issues: &issues)
        case (.map(let rv), .map(let wv)):
            check(reader: rv, writer: wv, path: path + "/values", issues: &issues)
        case (.fixed(let rf), .fixed(let wf)):
            if rf.size != wf.size { issues.append("\(path): fixed size mismatch \(wf.size) vs \(rf.size)") }
        case (.enumeration(let re), .enumeration(let we)):
            let missing = we.symbols.filter { !re.symbols.contains($0) }
            if !missing.isEmpty, re.defaultSymbol == nil {
                issues.append("\(path): reader enum lacks symbols \(missing)")
            }
        case (.record(let rr), .record(let wr)):
            for f in rr.fields {
                if let wf = wr.fields.first(where: { $0.name == f.name || f.aliases.contains($0.name) }) {
                    check(reader: f.schema, writer: wf.schema, path: path + "/" + f.name, issues: &issues)
                } else if f.defaultValue == nil {
                    issues.append("\(path)/\(f.name): reader field has no default value and is missing in the writer")
                }
            }
        case (.reference, _), (_, .reference):
            break
        default:
            issues.append("\(path.isEmpty ? "/" : path): type \(writer.typeName) cannot be read as \(reader.typeName)")
        }
    }
}
