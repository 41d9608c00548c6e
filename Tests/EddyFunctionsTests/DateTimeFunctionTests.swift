import EddyCore
import Testing
@testable import EddyFunctions

@Suite struct DateTimeFunctionTests {
    @Test func civilCalendarLeapYears() {
        #expect(CivilCalendar.days(year: 2018, month: 5, day: 11) == 17662)
        #expect(CivilCalendar.days(year: 2000, month: 3, day: 1) - CivilCalendar.days(year: 2000, month: 2, day: 28) == 2)
        #expect(CivilCalendar.days(year: 1900, month: 3, day: 1) - CivilCalendar.days(year: 1900, month: 2, day: 28) == 1)
        let d = CivilCalendar.date(days: -1)
        #expect(d.year == 1969 && d.month == 12 && d.day == 31)
        #expect(CivilCalendar.dayOfWeek(days: 0) == 4)
    }

    @Test func stringToTimestampWithZones() throws {
        #expect(try call("STRINGTOTIMESTAMP", str("2018-05-11T21:58:33Z"), str("yyyy-MM-dd'T'HH:mm:ssX")) == .bigint(1526075913000))
        #expect(try call("PARSE_TIMESTAMP", str("2018-05-11T21:58:33"), str("yyyy-MM-dd'T'HH:mm:ss")) == .timestamp(1526075913000))
        #expect(try call("PARSE_TIMESTAMP", str("2018-05-11 14:58:33"), str("yyyy-MM-dd HH:mm:ss"), str("America/Los_Angeles"))
                == .timestamp(1526075913000))
        #expect(try call("PARSE_TIMESTAMP", str("2018-05-11T23:58:33.123+02:00"), str("yyyy-MM-dd'T'HH:mm:ss.SSSXXX"))
                == .timestamp(1526075913123))
        // ksqlDB parses case-insensitively: a lower-case zone designator and literal still match.
        #expect(try call("STRINGTOTIMESTAMP", str("2020-05-11t21:58:33z"), str("yyyy-MM-dd'T'HH:mm:ssX")) == .bigint(1589234313000))
        let box = LogBox()
        #expect(try call("PARSE_TIMESTAMP", str("not a timestamp"), str("yyyy-MM-dd"), log: box.append) == .null)
        #expect(box.count == 1)
    }

    @Test func formatTimestamp() throws {
        #expect(try call("TIMESTAMPTOSTRING", .bigint(1526075913000), str("yyyy-MM-dd HH:mm:ss zzz"), str("Europe/London"))
                == str("2018-05-11 22:58:33 BST"))
        #expect(try call("FORMAT_TIMESTAMP", .timestamp(1526075913123), str("yyyy-MM-dd'T'HH:mm:ss.SSSXXX"), str("+02:00"))
                == str("2018-05-11T23:58:33.123+02:00"))
        #expect(try call("FORMAT_TIMESTAMP", .timestamp(0), str("EEE, d MMM yy hh a")) == str("Thu, 1 Jan 70 12 AM"))
        #expect(try call("FORMAT_TIMESTAMP", .timestamp(-1), str("yyyy-MM-dd HH:mm:ss.SSS")) == str("1969-12-31 23:59:59.999"))
    }

    @Test func datesAndTimes() throws {
        #expect(try call("FORMAT_DATE", .date(18993), str("dd-MMM-yyyy")) == str("01-Jan-2022"))
        #expect(try call("PARSE_DATE", str("2018-05-11Lit"), str("yyyy-MM-dd'Lit'")) == .date(17662))
        #expect(try call("PARSE_DATE", str("2020-02-29"), str("yyyy-MM-dd")) == .date(Int32(CivilCalendar.days(year: 2020, month: 2, day: 29))))
        #expect(try call("PARSE_DATE", str("2019-02-29"), str("yyyy-MM-dd")) == .null)
        #expect(try call("STRINGTODATE", str("11/05/2019"), str("dd/MM/yyyy")) == .int(18027))
        // PARSE_DATE ignores trailing text (java.text semantics); STRINGTODATE (java.time) does not.
        #expect(try call("PARSE_DATE", str("2003-12-24-01-01"), str("yyyy-MM-dd")) == .date(12410))
        #expect(try call("STRINGTODATE", str("2003-12-24-01-01"), str("yyyy-MM-dd")) == .null)
        #expect(try call("FORMAT_TIME", .time(3_723_004), str("HH:mm:ss.SSS")) == str("01:02:03.004"))
        #expect(try call("PARSE_TIME", str("01:02:03 PM"), str("hh:mm:ss a")) == .time(46_923_000))
        #expect(try call("FORMAT_TIME", .time(0), str("yyyy")) == .null)
    }

    @Test func arithmeticWithUnits() throws {
        let types: [ArgumentType] = [.intervalUnit, .type(.int), .type(.date)]
        #expect(try call("DATEADD", str("DAYS"), .int(10), .date(10), types: types) == .date(20))
        #expect(try call("DATESUB", str("DAYS"), .int(5), .date(2), types: types) == .date(-3))
        #expect(try call("TIMEADD", str("HOURS"), .int(25), .time(0), types: [.intervalUnit, .type(.int), .type(.time)]) == .time(3_600_000))
        #expect(try call("TIMESTAMPADD", str("MILLISECONDS"), .int(10), .timestamp(10), types: [.intervalUnit, .type(.int), .type(.timestamp)]) == .timestamp(20))
        // Across a leap day, and backwards over a year boundary.
        let feb28 = Int32(CivilCalendar.days(year: 2020, month: 2, day: 28))
        #expect(try call("DATEADD", str("DAYS"), .int(1), .date(feb28), types: types) == .date(feb28 + 1))
        #expect(CivilCalendar.date(days: Int(feb28 + 1)).day == 29)
        #expect(try call("DATEADD", str("DAYS"), .null, .date(feb28), types: [.intervalUnit, .null, .type(.date)]) == .null)
        #expect(throws: EddyError.self) {
            try FunctionRegistry.builtin.resolveScalar(name: "dateadd", argumentTypes: [.type(.date), .type(.int), .type(.date)])
        }
    }

    @Test func convertTz() throws {
        #expect(try call("CONVERT_TZ", .timestamp(100), str("+0200"), str("+0500")) == .timestamp(10_800_100))
        #expect(try call("FROM_DAYS", .int(5)) == .date(5))
        #expect(try call("UNIX_TIMESTAMP", .timestamp(42)) == .bigint(42))
    }
}
