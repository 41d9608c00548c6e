import EddyFormats
@testable import EddyTesting
import Testing

/// Expected and registered AVRO schemas match when they only differ in inherited namespaces.
@Suite struct AvroSchemaNamespacesTests {
    func parse(_ s: String) throws -> JSONValue { try JSONValue.parse(Array(s.utf8)) }

    @Test func inheritedNamespaceEqualsTheSpelledOutOne() throws {
        let implicit = try parse(#"{"type":"record","name":"K","namespace":"n","fields":[{"name":"F","type":["null",{"type":"record","name":"K_F","fields":[]}]}]}"#)
        let spelled = try parse(#"{"type":"record","name":"K","namespace":"n","fields":[{"name":"F","type":["null",{"type":"record","name":"K_F","namespace":"n","fields":[]}]}]}"#)
        #expect(implicit != spelled)
        #expect(AvroSchemaNamespaces.explicit(implicit) == AvroSchemaNamespaces.explicit(spelled))
    }

    @Test func differentNamespacesStayDifferent() throws {
        let a = try parse(#"{"type":"record","name":"K","namespace":"n","fields":[{"name":"F","type":{"type":"record","name":"K_F","namespace":"m","fields":[]}}]}"#)
        let b = try parse(#"{"type":"record","name":"K","namespace":"n","fields":[{"name":"F","type":{"type":"record","name":"K_F","fields":[]}}]}"#)
        #expect(AvroSchemaNamespaces.explicit(a) != AvroSchemaNamespaces.explicit(b))
    }
}
