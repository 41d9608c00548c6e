extension BuiltinFunctions {
    static let aggregateList: [AggregateDefinition] = [
        .init(CountAggregate.self), .init(SumAggregate.self), .init(AvgAggregate.self), .init(MinAggregate.self),
        .init(MaxAggregate.self), .init(CollectList.self), .init(CollectSet.self), .init(CountDistinct.self),
        .init(Histogram.self), .init(TopK.self), .init(TopKDistinct.self), .init(Attr.self),
        .init(EarliestByOffset.self), .init(LatestByOffset.self), .init(StdDevSamp.self), .init(StdDevSample.self), .init(StdDevPop.self),
        .init(Correlation.self), .init(SumList.self),
    ]

    static let tableFunctionList: [TableFunctionDefinition] = [
        .init(Explode.self), .init(CubeExplode.self),
    ]
}
