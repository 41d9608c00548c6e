import ArgumentParser
import Dispatch
import EddyCore
import EddyKafka
import EddyKafkaRuntime
import EddyFormats
import EddyRuntime
import Foundation
import Logging

/// `eddy server`: runs queries files on Kafka until Ctrl-C. Headless against a real cluster
/// (`bootstrap.servers`), or with `--dev` on an embedded broker fed with a TPC-C orders stream.
struct ServerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "server", abstract: "Run .sql files on Kafka (headless), or on an embedded dev stack with --dev.")

    @Flag(help: "Start an embedded broker (librdkafka's mock cluster) and a sample TPC-C orders feed.")
    var dev = false
    @Option(name: .customLong("queries-file"), help: "A .sql file to run at startup (repeatable).")
    var queriesFiles: [String] = []
    @Argument(help: "More .sql files to run, in order.") var files: [String] = []
    @Option(name: .customLong("config-file"), help: "A properties file (ksqlDB's ksql-server.properties format).")
    var configFile: String?
    @Option(name: [.customShort("s"), .customLong("set")], help: "A property, key=value (repeatable).")
    var set: [String] = []
    @Option(name: .customLong("bootstrap-servers"), help: "Kafka brokers (headless mode).")
    var bootstrapServers: String?
    @Option(name: .customLong("feed-rate"), help: "Dev mode: TPC-C orders per second (0 disables the feed).")
    var feedRate = 20
    @Option(name: .customLong("feed-format"), help: "Dev mode: the orders feed's value format, AVRO or JSON.")
    var feedFormat = "AVRO"
    @Option(name: .customLong("registry-port"), help: "Dev mode: the embedded schema registry's port (taken: any free one).")
    var registryPort = 8081
    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error.")
    var logLevel = "notice"

    func run() throws {
        bootstrapLogging(level: logLevel, fallback: .notice)
        let logger = Logger(label: "eddy.server")
        var properties = try ServerProperties.load(file: configFile, assignments: set)
        if let bootstrapServers { properties["bootstrap.servers"] = bootstrapServers }
        let avroCodec: AvroCodec
        do { avroCodec = try AvroCodec(properties: properties) } catch { throw ValidationError("\(error)") }
        let scripts = try (queriesFiles + files).map { path in
            (path, try String(contentsOfFile: path, encoding: .utf8))
        }

        var devStack: DevStack?
        let settings: KafkaSettings
        if dev {
            let stack = try DevStack(properties: properties, logger: logger)
            devStack = stack
            settings = stack.settings
        } else {
            settings = KafkaSettings(properties: properties)
            guard settings.bootstrapServers != nil else {
                throw ValidationError("set bootstrap.servers (--bootstrap-servers, --set or --config-file), or use --dev")
            }
        }
        let runtime = try KafkaRuntime(settings: settings, mockCluster: devStack?.cluster, logger: logger)
        // The registry serves until the process exits.
        var registry: DevSchemaRegistry?
        if let devStack {
            let started = try DevSchemaRegistry(
                backend: runtime.backend, settings: devStack.settings, port: registryPort, logger: logger)
            properties["ksql.schema.registry.url"] = started.url
            registry = started
        }
        let schemaClient = registry?.client ?? KafkaRuntime.schemaRegistry(for: properties)
        var feed: OrdersFeed?
        if let devStack, feedRate > 0 {
            var options = OrdersFeed.Options()
            options.rate = feedRate
            options.valueFormat = feedFormat.uppercased()
            let started = try OrdersFeed(
                settings: devStack.settings, formats: .withSchemaRegistry(schemaClient, avroCodec: avroCodec), options: options, logger: logger)
            try started.start(admin: runtime.backend.admin)
            started.waitForFirstOrder()
            feed = started
        }
        devStack?.retention.start()
        let processingLog = ProcessingLog(sink: { entry in
            var place = ""
            if let topic = entry.topic { place = " (\(topic)\(entry.offset.map { "@\($0)" } ?? ""))" }
            logger.warning("processing log: \(entry.queryID): \(entry.message)\(place)")
        })
        let session = ServerSession(
            runtime: runtime, properties: properties, processingLog: processingLog, schemaRegistry: schemaClient,
            logger: logger, output: { printLine($0) })
        // The main thread is not part of Swift's cooperative pool, so the blocking topic calls
        // that statement execution makes are fine here.
        do {
            for (path, text) in scripts {
                logger.notice("running \(path)")
                try session.run(script: text, stopOnError: !dev)
            }
        } catch let error as EddyError {
            FileHandle.standardError.write(Data((error.renderedWithCaret + "\n").utf8))
            session.shutdown()
            throw ExitCode(1)
        }
        logger.notice("Eddy is running \(runtime.runners.count) persistent and \(session.pushQueries.count) push queries; Ctrl-C stops.")
        waitForInterrupt()
        logger.notice("stopping")
        feed?.stop()
        devStack?.retention.stop()
        session.shutdown()
        logger.notice("stopped")
        // Offsets are committed and outputs flushed. Tearing the remaining clients down one by
        // one against a dying embedded broker would only log disconnects.
        if dev { Foundation.exit(0) }
    }

    private func waitForInterrupt() {
        let stop = DispatchSemaphore(value: 0)
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        let sources = [SIGINT, SIGTERM].map { number in
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { stop.signal() }
            source.resume()
            return source
        }
        stop.wait()
        withExtendedLifetime(sources) {}
    }
}

/// Server properties: a ksqlDB-style properties file, then `--set key=value` on top.
enum ServerProperties {
    static func load(file: String?, assignments: [String]) throws -> [String: String] {
        var properties: [String: String] = [:]
        if let file {
            for line in try String(contentsOfFile: file, encoding: .utf8).split(whereSeparator: \.isNewline) {
                let text = line.trimmingCharacters(in: .whitespaces)
                if text.isEmpty || text.hasPrefix("#") || text.hasPrefix("!") { continue }
                if let (key, value) = split(text) { properties[key] = value }
            }
        }
        for assignment in assignments {
            guard let (key, value) = split(assignment) else {
                throw ValidationError("expected key=value, got \(assignment)")
            }
            properties[key] = value
        }
        return properties
    }

    private static func split(_ text: String) -> (String, String)? {
        guard let separator = text.firstIndex(where: { $0 == "=" || $0 == ":" }) else { return nil }
        let key = text[..<separator].trimmingCharacters(in: .whitespaces)
        let value = text[text.index(after: separator)...].trimmingCharacters(in: .whitespaces)
        return key.isEmpty ? nil : (key, value)
    }
}

/// Writes one line to standard output at once: lines from several push queries interleave
/// whole, and appear immediately even when stdout is a pipe.
func printLine(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}
