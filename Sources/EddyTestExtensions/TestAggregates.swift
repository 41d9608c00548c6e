import EddyFunctions
enum TestAggregates { static let all: [AggregateDefinition] = [] }
