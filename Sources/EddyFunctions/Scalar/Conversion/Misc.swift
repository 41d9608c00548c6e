#if canImport(Glibc)
import Glibc
#endif
import EddyCore
import Foundation

struct AsValue: ScalarFunction {
    static let name = "AS_VALUE", category = FunctionCategory.other
    static let description = "Used exclusively in the projection of a query to copy a key column into the value schema."
    static var signatures: [Signature] { [Signature([.T], names: ["keyColumn"], returns: .T) { $0[0] }] }
}

struct GeoDistance: ScalarFunction {
    static let name = "geo_distance", category = FunctionCategory.mathematical
    static let description = "Compute the distance between two points on the surface of the earth, according to the Haversine formula for \"great circle distance\". The 5th optional parameter specifies the unit: KM (the default) or MILES."
    static func distance(_ a: [Value], _ unit: String?, _ ctx: FunctionContext) -> Value {
        let lat1 = a[0].doubleValue!, lon1 = a[1].doubleValue!, lat2 = a[2].doubleValue!, lon2 = a[3].doubleValue!
        guard (-90...90).contains(lat1), (-90...90).contains(lat2) else {
            ctx.logError("valid latitude values for GeoDistance function are in the range of -90 to 90 decimal degrees")
            return .null
        }
        guard (-180...180).contains(lon1), (-180...180).contains(lon2) else {
            ctx.logError("valid longitude values for GeoDistance function are in the range of -180 to +180 decimal degrees")
            return .null
        }
        var radius = 6371.0
        // A NULL or blank unit means kilometres, as in ksqlDB.
        let trimmed = unit.map { JavaString.trim($0).lowercased() } ?? ""
        switch trimmed {
        case "": break
        case "km", "kilometers", "kilometer", "kilometres", "kilometre": radius = 6371
        case "mi", "miles", "mile": radius = 3959
        default:
            ctx.logError("GeoDistance function units parameter must be one of mi, mile, miles, km, kilometer, kilometers, kilometre or kilometres. Values are case-insensitive.")
            return .null
        }
        // The operation order of ksqlDB's formula and of Math.toRadians (`deg / 180 * PI`), so results
        // match its outputs to the last bit.
        func radians(_ d: Double) -> Double { d / 180.0 * Double.pi }
        let dLat = radians(lat2 - lat1), dLon = radians(lon2 - lon1)
        let h = pow(sin(dLat / 2), 2) + pow(sin(dLon / 2), 2) * cos(radians(lat1)) * cos(radians(lat2))
        return .double(2 * asin(sqrt(h)) * radius)
    }
    static var signatures: [Signature] {[
        .strict([.double, .double, .double, .double], names: ["lat1", "lon1", "lat2", "lon2"], returns: .double) { a, c in distance(a, nil, c) },
        Signature([.double, .double, .double, .double, .string], names: ["lat1", "lon1", "lat2", "lon2", "units"], returns: .double) { args in
            let a = args.values
            for v in a.prefix(4) where v.isNull { return .null }
            return distance(a, a[4].stringValue, args.context)
        },
    ]}
}

/// The URL_* family parses with Foundation's URLComponents (RFC 3986), as java.net.URI does.
enum URLParts {
    static func components(_ s: String, _ ctx: FunctionContext) -> URLComponents? {
        guard let c = URLComponents(string: s) else {
            ctx.logError("URL input has invalid syntax: \(s)")
            return nil
        }
        return c
    }

    static func signature(_ f: @escaping @Sendable (URLComponents) -> Value, returns: ParamType = .string) -> [Signature] {
        [.strict([.string], names: ["input"], returns: returns) { a, c in components(a[0].stringValue!, c).map(f) ?? .null }]
    }
}

struct UrlExtractHost: ScalarFunction {
    static let name = "url_extract_host", category = FunctionCategory.url
    static let description = "Extracts the host-name portion of the specified value. Returns NULL if the value is not a valid URI."
    // java.net.URI reports an empty authority (`https:///path`) as no host.
    static var signatures: [Signature] { URLParts.signature { $0.host.flatMap { $0.isEmpty ? nil : Value.string($0) } ?? .null } }
}
struct UrlExtractPath: ScalarFunction {
    static let name = "url_extract_path", category = FunctionCategory.url
    static let description = "Extracts the path of the specified value. Returns NULL if the value is not a valid URI."
    static var signatures: [Signature] { URLParts.signature { .string($0.percentEncodedPath.removingPercentEncoding ?? $0.percentEncodedPath) } }
}
struct UrlExtractPort: ScalarFunction {
    static let name = "url_extract_port", category = FunctionCategory.url
    static let description = "Extracts the port of the specified value. Returns NULL if the value is not a valid URI or does not contain an explicit port."
    static var signatures: [Signature] { URLParts.signature({ $0.port.map { .int(Int32($0)) } ?? .null }, returns: .int) }
}
struct UrlExtractProtocol: ScalarFunction {
    static let name = "url_extract_protocol", category = FunctionCategory.url
    static let description = "Extracts the protocol (scheme) of the specified value. Returns NULL if the value is not a valid URI."
    static var signatures: [Signature] { URLParts.signature { $0.scheme.map(Value.string) ?? .null } }
}
struct UrlExtractQuery: ScalarFunction {
    static let name = "url_extract_query", category = FunctionCategory.url
    static let description = "Extracts the decoded query-string portion of the specified value. Returns NULL if no query-string is present or the value is not a valid URI."
    static var signatures: [Signature] { URLParts.signature { $0.query.map(Value.string) ?? .null } }
}
struct UrlExtractFragment: ScalarFunction {
    static let name = "url_extract_fragment", category = FunctionCategory.url
    static let description = "Extracts the fragment portion of the specified value. Returns NULL if the value is not a valid URI or there is no fragment."
    static var signatures: [Signature] { URLParts.signature { $0.fragment.map(Value.string) ?? .null } }
}
struct UrlExtractParameter: ScalarFunction {
    static let name = "url_extract_parameter", category = FunctionCategory.url
    static let description = "Extracts the decoded value of the first query parameter with the given name. Returns NULL if the parameter is missing or the value is not a valid URI."
    static var signatures: [Signature] {[
        .strict([.string, .string], names: ["input", "paramToFind"], returns: .string) { a, c in
            guard let comps = URLParts.components(a[0].stringValue!, c) else { return .null }
            let wanted = a[1].stringValue!
            guard let item = comps.queryItems?.first(where: { $0.name == wanted }) else { return .null }
            return .string(item.value ?? "")
        },
    ]}
}
struct UrlDecodeParam: ScalarFunction {
    static let name = "url_decode_param", category = FunctionCategory.url
    static let description = "Unescapes the URL-param-encoded value (application/x-www-form-urlencoded)."
    static var signatures: [Signature] {[
        .strict([.string], names: ["input"], returns: .string) { a, c in
            let s = a[0].stringValue!.replacingOccurrences(of: "+", with: " ")
            guard let d = s.removingPercentEncoding else { c.logError("url_decode_param: malformed input"); return .null }
            return .string(d)
        },
    ]}
}
struct UrlEncodeParam: ScalarFunction {
    static let name = "url_encode_param", category = FunctionCategory.url
    static let description = "Escapes the value so it can be safely placed in a URL query parameter (application/x-www-form-urlencoded)."
    static var signatures: [Signature] {[
        .strict([.string], names: ["input"], returns: .string) { a, _ in
            var allowed = CharacterSet.alphanumerics
            allowed.insert(charactersIn: "-_.*")
            let s = a[0].stringValue!.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
            return .string(s.replacingOccurrences(of: "%20", with: "+"))
        },
    ]}
}
