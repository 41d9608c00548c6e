-- Orders per warehouse in 10-second tumbling windows: a table that updates as orders arrive.
CREATE TABLE orders_per_warehouse AS
    SELECT o_w_id, COUNT(*) AS orders, SUM(o_ol_cnt) AS order_lines
    FROM orders
    WINDOW TUMBLING (SIZE 10 SECONDS)
    GROUP BY o_w_id
    EMIT CHANGES;

-- Its changes, live: each new order bumps its warehouse's count in the current window.
SELECT o_w_id AS warehouse, TIMESTAMPTOSTRING(WINDOWSTART, 'HH:mm:ss', 'UTC') AS window_start, orders, order_lines
FROM orders_per_warehouse EMIT CHANGES;
