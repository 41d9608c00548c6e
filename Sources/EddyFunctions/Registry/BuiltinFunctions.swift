/// The builtin catalog. Adding a function means adding its type here.
enum BuiltinFunctions {
    static let scalars: [ScalarDefinition] = [
        // Math
        .init(Abs.self), .init(Sign.self), .init(Round.self), .init(Floor.self), .init(Ceil.self), .init(Trunc.self),
        .init(Acos.self), .init(Asin.self), .init(Atan.self), .init(Atan2.self), .init(Cos.self), .init(Cosh.self),
        .init(Cot.self), .init(Sin.self), .init(Sinh.self), .init(Tan.self), .init(Tanh.self), .init(Degrees.self),
        .init(Radians.self), .init(Exp.self), .init(Ln.self), .init(Sqrt.self), .init(Cbrt.self), .init(Log.self),
        .init(Power.self), .init(Pi.self), .init(RandomFunction.self), .init(Greatest.self), .init(Least.self),
        // Nulls
        .init(Coalesce.self), .init(IfNull.self), .init(NullIf.self),
        // Strings
        .init(LCase.self), .init(UCase.self), .init(Trim.self), .init(InitCap.self), .init(Len.self),
        .init(LPad.self), .init(RPad.self), .init(Substring_.self), .init(Instr.self), .init(Concat.self),
        .init(ConcatWS.self), .init(Elt.self), .init(Field.self), .init(Replace.self), .init(Split.self),
        .init(SplitToMap.self), .init(Mask.self), .init(MaskKeepLeft.self), .init(MaskKeepRight.self),
        .init(MaskLeft.self), .init(MaskRight.self), .init(Chr.self), .init(UUIDFunction.self), .init(Encode.self), .init(MD5.self),
        .init(RegexpExtract.self), .init(RegexpExtractAll.self), .init(RegexpReplace.self), .init(RegexpSplitToArray.self),
        // Conversions
        .init(ToBytes.self), .init(FromBytes.self), .init(IntFromBytes.self), .init(BigIntFromBytes.self),
        .init(DoubleFromBytes.self),
        // Date and time
        .init(FormatTimestamp.self), .init(ParseTimestamp.self), .init(TimestampToString.self), .init(StringToTimestamp.self),
        .init(FormatDate.self), .init(ParseDate.self), .init(DateToString.self), .init(StringToDate.self),
        .init(FormatTime.self), .init(ParseTime.self), .init(UnixDate.self), .init(UnixTimestamp.self),
        .init(FromUnixTime.self), .init(FromDays.self), .init(ConvertTz.self), .init(DateAdd.self), .init(DateSub.self),
        .init(TimeAdd.self), .init(TimeSub.self), .init(TimestampAdd.self), .init(TimestampSub.self),
        // Arrays, maps and lambdas
        .init(ArrayContains.self), .init(ArrayDistinct.self), .init(ArrayExcept.self), .init(ArrayIntersect.self),
        .init(ArrayUnion.self), .init(ArrayConcat.self), .init(ArrayJoin.self), .init(ArrayLength.self),
        .init(ArrayMax.self), .init(ArrayMin.self), .init(ArrayRemove.self), .init(ArraySort.self), .init(Slice.self),
        .init(GenerateSeries.self), .init(AsMap.self), .init(MapKeys.self), .init(MapValues.self), .init(MapUnion.self),
        .init(Entries.self), .init(Transform.self), .init(Filter.self), .init(Reduce.self),
        // JSON
        .init(ExtractJsonField.self), .init(IsJsonString.self), .init(JsonArrayLength.self), .init(JsonKeys.self),
        .init(JsonRecords.self), .init(JsonItems.self), .init(JsonArrayContains.self), .init(JsonConcat.self),
        .init(ToJsonString.self),
        // Other
        .init(AsValue.self), .init(GeoDistance.self), .init(UrlExtractHost.self), .init(UrlExtractPath.self),
        .init(UrlExtractPort.self), .init(UrlExtractProtocol.self), .init(UrlExtractQuery.self),
        .init(UrlExtractFragment.self), .init(UrlExtractParameter.self), .init(UrlDecodeParam.self),
        .init(UrlEncodeParam.self),
    ]

    static var aggregates: [AggregateDefinition] { aggregateList }

    static var tableFunctions: [TableFunctionDefinition] { tableFunctionList }
}
