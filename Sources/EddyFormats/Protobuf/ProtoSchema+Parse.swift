extension ProtoSchema {
    /// Parses a `.proto` schema and every file it imports, then resolves type names with protobuf's
    /// scoping rules. `references` maps import paths to schema text (the registry's schema
    /// references); the well-known google and confluent files are built in.
    public static func parse(_ text: String, references: [String: String] = [:]) throws -> ProtoSchema {
        var files: [(path: String, ast: ProtoFileAST)] = []
        var seen: Set<String> = []
        func load(_ path: String, _ source: String) throws {
            guard seen.insert(path).inserted else { return }
            let ast = try ProtoParser.parse(source)
            for imp in ast.imports {
                if let t = references[imp] ?? ProtoWellKnownFiles.files[imp] {
                    try load(imp, t)
                } else if !imp.hasPrefix("google/protobuf/") {
                    throw ProtoSchemaError("import \"\(imp)\" was not found")
                }
            }
            files.append((path, ast))
        }
        try load("", text)
        guard let main = files.last?.ast else { throw ProtoSchemaError("empty schema") }

        var schema = ProtoSchema()
        schema.package = main.package
        schema.imports = main.imports
        var pending: [(message: Int, ast: ProtoFileAST.MessageAST, scope: String)] = []

        func prefix(_ package: String?) -> String { package.map { $0 + "." } ?? "" }

        func declare(_ m: ProtoFileAST.MessageAST, scope: String, parent: Int?) -> Int {
            let fullName = scope + m.name
            let index = schema.messages.count
            var message = ProtoMessage(name: m.name, fullName: fullName)
            message.parent = parent
            message.oneofs = m.oneofs
            message.wellKnown = ProtoWellKnownType(rawValue: fullName)
            schema.messages.append(message)
            pending.append((index, m, fullName))
            for e in m.enums { schema.messages[index].nestedEnums.append(declareEnum(e, scope: fullName + ".")) }
            for n in m.messages {
                let child = declare(n, scope: fullName + ".", parent: index)
                schema.messages[index].nested.append(child)
            }
            return index
        }

        func declareEnum(_ e: ProtoFileAST.EnumAST, scope: String) -> Int {
            var en = ProtoEnum(name: e.name, fullName: scope + e.name)
            en.names = e.values.map(\.0)
            en.numbers = e.values.map(\.1)
            schema.enums.append(en)
            return schema.enums.count - 1
        }

        for (n, file) in files.enumerated() {
            let scope = prefix(file.ast.package)
            for e in file.ast.enums { _ = declareEnum(e, scope: scope) }
            for m in file.ast.messages {
                let index = declare(m, scope: scope, parent: nil)
                if n == files.count - 1 { schema.topLevel.append(index) }
            }
        }

        var messageByName: [String: Int] = [:]
        for (i, m) in schema.messages.enumerated() { messageByName[m.fullName] = i }
        var enumByName: [String: Int] = [:]
        for (i, e) in schema.enums.enumerated() { enumByName[e.fullName] = i }

        /// Protobuf's lookup: innermost scope first, then each enclosing scope; a leading dot means absolute.
        func resolve(_ name: String, scope: String) throws -> ProtoFieldType {
            if let scalar = ProtoScalar(rawValue: name) { return .scalar(scalar) }
            var candidates: [String] = []
            if name.hasPrefix(".") {
                candidates = [String(name.dropFirst())]
            } else {
                var parts = scope.split(separator: ".").map(String.init)
                while true {
                    candidates.append((parts + [name]).joined(separator: "."))
                    if parts.isEmpty { break }
                    parts.removeLast()
                }
            }
            for c in candidates {
                if let m = messageByName[c] { return .message(m) }
                if let e = enumByName[c] { return .enumeration(e) }
            }
            throw ProtoSchemaError("type \(name) is not defined")
        }

        for p in pending {
            for f in p.ast.fields {
                var type = try resolve(f.typeName, scope: p.scope)
                if let key = f.mapKey {
                    guard let k = ProtoScalar(rawValue: key), k != .double, k != .float, k != .bytes else {
                        throw ProtoSchemaError("invalid map key type \(key)")
                    }
                    type = .map(key: k, value: type)
                }
                schema.messages[p.message].fields.append(ProtoField(
                    name: f.name, number: f.number, type: type, label: f.label, oneof: f.oneof, params: f.params))
            }
        }
        return schema
    }
}
