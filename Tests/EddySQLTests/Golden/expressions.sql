SELECT 1, -1, 2147483647, 2147483648, -2147483648, 9223372036854775807, -9223372036854775808 FROM S;
----
SELECT 1.5, -1.50, .5, 5., 1E3, 1.5e-2, -2.5E+10, .5E1 FROM S;
----
SELECT 'a', 'it''s', '', TRUE, false, NULL FROM S;
----
SELECT a + b * c - d / e % f, (a + b) * c, -a, +a, - (1), -a * b, a || b || c, a || b + c FROM S;
----
SELECT a = b, a <> b, a != b, a < b, a <= b, a > b, a >= b FROM S;
----
SELECT * FROM S WHERE a AND b OR c AND NOT d OR NOT NOT e;
----
SELECT * FROM S WHERE a IS NULL AND b IS NOT NULL AND c IS DISTINCT FROM d AND e IS NOT DISTINCT FROM f;
----
SELECT * FROM S WHERE a BETWEEN 1 AND 10 AND b NOT BETWEEN c + 1 AND d * 2;
----
SELECT * FROM S WHERE a IN (1, 2, 3) AND b NOT IN ('x') AND c IN (d, e + 1);
----
SELECT * FROM S WHERE a LIKE 'x%' AND b NOT LIKE '%y' AND c LIKE '!_%' ESCAPE '!';
----
SELECT CASE WHEN a > 1 THEN 'big' WHEN a = 1 THEN 'one' ELSE 'small' END, CASE a WHEN 1 THEN 'x' END FROM S;
----
SELECT CAST(a AS BIGINT), CAST(b AS DECIMAL(4, 2)), CAST(c AS ARRAY<MAP<STRING, INT>>), CAST(d AS STRUCT<X INT, `y` STRING>), CAST(e AS MY_TYPE), CAST(f AS VARCHAR) FROM S;
----
SELECT ARRAY[], ARRAY[1, 2, 3], MAP(), MAP('a' := 1, 'b' := 2), STRUCT(), STRUCT(a := 1, `b` := 'x') FROM S;
----
SELECT TRANSFORM(arr, x => x + 1), FILTER(arr, (x) => x > 0), REDUCE(arr, 0, (s, x) => s + x), TRANSFORM(m, (k, v) => k, (k, v) => v + 1) FROM S;
----
SELECT TIMESTAMPADD(MILLISECONDS, 5, ts), TIMESTAMPSUB(DAYS, 1, ts), DATEADD(DAY, 1, d), COUNT(*) FROM S;
----
SELECT s.a, `S`.`b`, "lower", T.c FROM S s JOIN T ON s.a = T.a;
----
SELECT arr[1][2], m['a']->f, s->a->b, ABS(-x), UCASE(name), NOW() FROM S;
----
SELECT `Mixed Case`, "Another One", KEY, `SELECT` FROM S;
----
SELECT ((((a)))) FROM S;
----
SELECT ANALYZE, COLUMNS, COLUMN, PARTITIONS, MONTH, RESET, YEAR, ZONE, INTERVAL, SESSION, STRUCT, MAP, ARRAY, HEADER, GRACE, PERIOD, SCHEMA, SUBJECT, ID FROM S WINDOW TUMBLING (SIZE 1 MILLISECOND) GROUP BY ZONE;
