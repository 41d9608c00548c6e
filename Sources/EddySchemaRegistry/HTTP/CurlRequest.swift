import CCurl

/// TLS and authentication settings for registry connections, named after the Confluent client's
/// `basic.auth.user.info` and `schema.registry.ssl.*` options.
public struct RegistryConnectionOptions: Sendable, Hashable {
    /// `user:password` for HTTP basic authentication.
    public var basicAuthUserInfo: String?
    /// PEM bundle of trusted CAs (`schema.registry.ssl.truststore.location` in PEM form).
    public var caLocation: String?
    /// Client certificate and key for mutual TLS, PEM.
    public var certificateLocation: String?
    public var keyLocation: String?
    public var keyPassword: String?
    /// Turn off only for development against self-signed registries.
    public var verifyPeer = true
    public var timeoutMilliseconds = 30_000

    public init(basicAuthUserInfo: String? = nil, caLocation: String? = nil, certificateLocation: String? = nil,
                keyLocation: String? = nil, keyPassword: String? = nil, verifyPeer: Bool = true, timeoutMilliseconds: Int = 30_000) {
        self.basicAuthUserInfo = basicAuthUserInfo
        self.caLocation = caLocation
        self.certificateLocation = certificateLocation
        self.keyLocation = keyLocation
        self.keyPassword = keyPassword
        self.verifyPeer = verifyPeer
        self.timeoutMilliseconds = timeoutMilliseconds
    }

    /// Reads the options from Confluent-style properties (`basic.auth.user.info`,
    /// `schema.registry.ssl.ca.location`, …); the `ksql.schema.registry.` prefix is accepted too.
    public init(properties: [String: String]) {
        func get(_ key: String) -> String? { properties["ksql.schema.registry." + key] ?? properties[key] ?? properties["schema.registry." + key] }
        self.init(basicAuthUserInfo: get("basic.auth.user.info"),
                  caLocation: get("ssl.ca.location"),
                  certificateLocation: get("ssl.certificate.location"),
                  keyLocation: get("ssl.key.location"),
                  keyPassword: get("ssl.key.password"),
                  verifyPeer: get("ssl.endpoint.identification.algorithm").map { !$0.isEmpty } ?? true)
    }
}

/// One blocking HTTP exchange through libcurl. A handle is made per request: registry calls are
/// rare (results are cached), so simplicity beats connection reuse here.
enum CurlRequest {
    private static let globalInit: Bool = { curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK }()

    struct Response {
        var status: Int
        var body: [UInt8]
    }

    final class Sink {
        var bytes: [UInt8] = []
    }

    static func perform(method: String, url: String, body: [UInt8]?, options: RegistryConnectionOptions) throws -> Response {
        guard globalInit, let handle = curl_easy_init() else { throw SchemaRegistryError.backend("libcurl could not be initialised") }
        defer { curl_easy_cleanup(handle) }
        let sink = Sink()
        let unmanaged = Unmanaged.passRetained(sink)
        defer { unmanaged.release() }
        var headers: UnsafeMutablePointer<curl_slist>? = nil
        headers = curl_slist_append(headers, "Content-Type: application/vnd.schemaregistry.v1+json")
        headers = curl_slist_append(headers, "Accept: application/vnd.schemaregistry.v1+json, application/json")
        defer { curl_slist_free_all(headers) }

        _ = eddy_curl_setopt_string(handle, CURLOPT_URL, url)
        _ = eddy_curl_setopt_string(handle, CURLOPT_CUSTOMREQUEST, method)
        _ = eddy_curl_setopt_slist(handle, CURLOPT_HTTPHEADER, headers)
        _ = eddy_curl_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
        _ = eddy_curl_setopt_long(handle, CURLOPT_TIMEOUT_MS, options.timeoutMilliseconds)
        _ = eddy_curl_setopt_write_function(handle) { ptr, size, count, userdata in
            guard let ptr, let userdata else { return 0 }
            let sink = Unmanaged<Sink>.fromOpaque(userdata).takeUnretainedValue()
            let n = size * count
            ptr.withMemoryRebound(to: UInt8.self, capacity: n) { sink.bytes.append(contentsOf: UnsafeBufferPointer(start: $0, count: n)) }
            return n
        }
        _ = eddy_curl_setopt_pointer(handle, CURLOPT_WRITEDATA, unmanaged.toOpaque())
        if let auth = options.basicAuthUserInfo {
            _ = eddy_curl_setopt_long(handle, CURLOPT_HTTPAUTH, 1)  // CURLAUTH_BASIC, a macro Swift does not import
            _ = eddy_curl_setopt_string(handle, CURLOPT_USERPWD, auth)
        }
        if let ca = options.caLocation { _ = eddy_curl_setopt_string(handle, CURLOPT_CAINFO, ca) }
        if let cert = options.certificateLocation { _ = eddy_curl_setopt_string(handle, CURLOPT_SSLCERT, cert) }
        if let key = options.keyLocation { _ = eddy_curl_setopt_string(handle, CURLOPT_SSLKEY, key) }
        if let pass = options.keyPassword { _ = eddy_curl_setopt_string(handle, CURLOPT_KEYPASSWD, pass) }
        if !options.verifyPeer {
            _ = eddy_curl_setopt_long(handle, CURLOPT_SSL_VERIFYPEER, 0)
            _ = eddy_curl_setopt_long(handle, CURLOPT_SSL_VERIFYHOST, 0)
        }
        let rc: CURLcode = if let body {
            body.withUnsafeBufferPointer { buf in
                _ = eddy_curl_setopt_long(handle, CURLOPT_POSTFIELDSIZE, buf.count)
                _ = eddy_curl_setopt_pointer(handle, CURLOPT_POSTFIELDS, UnsafeMutableRawPointer(mutating: buf.baseAddress))
                return curl_easy_perform(handle)
            }
        } else {
            curl_easy_perform(handle)
        }
        guard rc == CURLE_OK else {
            throw SchemaRegistryError.backend("Schema Registry request \(method) \(url) failed: "
                + String(cString: curl_easy_strerror(rc)))
        }
        var status = 0
        _ = eddy_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        return Response(status: status, body: sink.bytes)
    }
}
