import EddyCore
import EddySQL

extension ExpressionCompiler {
    func compileDereference(_ base: Expression, field: Identifier, at location: SourceLocation) throws -> CompiledExpression {
        let b = try compile(base)
        guard let bt = b.type else { return CompiledExpression(type: nil, constant: .null) }
        guard case .struct(let fields) = bt else {
            throw EddyError.analysis("Can't dereference non-struct type \(bt): \(SQLFormatter.format(base))->\(field.value)", at: location)
        }
        guard let index = fields.firstIndex(where: { $0.name == field.value })
            ?? fields.firstIndex(where: { $0.name.uppercased() == field.value.uppercased() }) else {
            throw EddyError.analysis("Could not find field '\(field.value)' in '\(SQLFormatter.format(base))'.", at: location)
        }
        let name = fields[index].name
        let f = b.evaluate
        return CompiledExpression(type: fields[index].type) { row in
            guard case .struct(let s) = f(row) else { return .null }
            if index < s.names.count, s.names[index] == name { return s.values[index] }
            return s[name] ?? .null
        }
    }

    func compileSubscript(_ base: Expression, index: Expression, at location: SourceLocation) throws -> CompiledExpression {
        let b = try compile(base), i = try compile(index)
        let bf = b.evaluate, idxf = i.evaluate
        switch b.type {
        case .array(let element):
            if let it = i.type, it != .int, it != .bigint {
                throw EddyError.analysis("Array index must be INTEGER or BIGINT: \(SQLFormatter.format(index))", at: location)
            }
            // ksqlDB arrays are 1-based; negative indexes count from the end; out of range is NULL.
            return CompiledExpression(type: element) { row in
                guard case .array(let a) = bf(row) else { return .null }
                let raw: Int
                switch idxf(row) {
                case .int(let v): raw = Int(v)
                case .bigint(let v): raw = Int(clamping: v)
                default: return .null
                }
                let pos = raw > 0 ? raw - 1 : a.count + raw
                return raw != 0 && pos >= 0 && pos < a.count ? a[pos] : .null
            }
        case .map(let keyType, let valueType):
            let key = try coerce(i, to: keyType)
            return CompiledExpression(type: valueType) { row in
                guard case .map(let m) = bf(row) else { return .null }
                return m[key(row)] ?? .null
            }
        case nil:
            return CompiledExpression(type: nil, constant: .null)
        case .some(let t):
            throw EddyError.analysis("Subscript expression not supported on type \(t): \(SQLFormatter.format(base))", at: location)
        }
    }

    func compileArrayConstructor(_ elements: [Expression], whole: Expression) throws -> CompiledExpression {
        if elements.isEmpty {
            throw EddyError.analysis("Array constructor cannot be empty. Please supply at least one element (see https://github.com/confluentinc/ksql/issues/4239).", at: whole.location)
        }
        let (elementType, fs) = try withAnalysisLocation(whole.location) { try coerceUserList(elements) }
        guard let elementType else {
            throw EddyError.analysis("Cannot construct an array with all NULL elements (see https://github.com/confluentinc/ksql/issues/4239). As a workaround, you may cast a NULL value to the desired type.", at: whole.location)
        }
        return CompiledExpression(type: .array(elementType)) { row in .array(fs.map { $0(row) }) }
    }

    func compileMapConstructor(_ entries: [MapEntry], whole: Expression) throws -> CompiledExpression {
        guard !entries.isEmpty else {
            throw EddyError.analysis("Map constructor cannot be empty. Please supply at least one key value pair (see https://github.com/confluentinc/ksql/issues/4239).", at: whole.location)
        }
        let (kt, kf) = try withAnalysisLocation(whole.location) { try coerceUserList(entries.map(\.key)) }
        guard let kt else {
            throw EddyError.analysis("Cannot construct a map with all NULL keys (see https://github.com/confluentinc/ksql/issues/4239). As a workaround, you may cast a NULL key to the desired type.", at: whole.location)
        }
        let (vt, vf) = try withAnalysisLocation(whole.location) { try coerceUserList(entries.map(\.value)) }
        guard let vt else {
            throw EddyError.analysis("Cannot construct a map with all NULL values (see https://github.com/confluentinc/ksql/issues/4239). As a workaround, you may cast a NULL value to the desired type.", at: whole.location)
        }
        return CompiledExpression(type: .map(key: kt, value: vt)) { row in
            var m = MapValue()
            for i in kf.indices { m.set(kf[i](row), vf[i](row)) }
            return .map(m)
        }
    }

    func compileStructConstructor(_ entries: [StructEntry]) throws -> CompiledExpression {
        let cs = try entries.map { try compile($0.value) }
        var fields: [SQLType.StructField] = []
        for (e, c) in zip(entries, cs) {
            // An untyped NULL field defaults to STRING, as ksqlDB does.
            let field = SQLType.StructField(e.name.value, c.type ?? .string)
            if let first = fields.first(where: { $0.name == field.name }) {
                throw EddyError.analysis("Duplicate field names found in STRUCT: '\(first.name) \(first.type)' and '\(field.name) \(field.type)'")
            }
            fields.append(field)
        }
        let names = entries.map(\.name.value), fs = cs.map(\.evaluate)
        return CompiledExpression(type: .struct(fields)) { row in
            .struct(StructValue(names: names, values: fs.map { $0(row) }))
        }
    }
}
