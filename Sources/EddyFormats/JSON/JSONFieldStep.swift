/// One field of a `JSONFieldsPlan` as the object loop reads it: the key laid out for in-place
/// matching and what to do with the value, in one plain element. The loop holds the steps as one
/// buffer for the whole object, so a field costs one load instead of bounds-checked reads of
/// several arrays (and no copy of the field's `JSONTypePlan` on the common paths).
struct JSONFieldStep: Sendable {
    enum Action: UInt8, Sendable {
        /// Read: `decode` with the field's type plan.
        case decode
        /// Not read: `validate` with the field's type plan.
        case validate
        /// Read INT or BIGINT: a plain integer or null inline, anything else through `decode`.
        case int32, int64
        /// Not read INT, BIGINT, DATE, TIMESTAMP or DOUBLE: a number or null is only scanned,
        /// anything else goes through `validate` (which then throws or coerces as `decode` does).
        case skipNumber
        /// Not read STRING: a string or null is only scanned, anything else through `validate`.
        case skipString
    }

    /// The member prefix (`"name":`) compared first; `never` when the name does not fit it.
    /// Not optional: the loop reads it in place instead of copying an optional out.
    let pattern: JSONKeyPattern
    /// The name for in-place matching; nil when only the general path can decide.
    let key: JSONFastKey?
    let action: Action

    init(key: JSONFastKey?, pattern: JSONKeyPattern?, plan: JSONTypePlan, skip: Bool) {
        self.key = key
        self.pattern = pattern ?? .never
        switch (plan, skip) {
        case (.int, false): action = .int32
        case (.bigint, false): action = .int64
        case (.int, true), (.bigint, true), (.date, true), (.timestamp, true), (.double, true): action = .skipNumber
        case (.string, true): action = .skipString
        case (_, true): action = .validate
        case (_, false): action = .decode
        }
    }

    static func steps(_ plan: JSONFieldsPlan) -> [JSONFieldStep] {
        plan.fields.indices.map { JSONFieldStep(key: plan.fastKeys[$0], pattern: JSONKeyPattern(plan.utf8Names[$0], lowerCase: !plan.hasLowerCaseNames), plan: plan.fields[$0], skip: plan.skip[$0]) }
    }
}
