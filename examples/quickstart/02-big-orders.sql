-- A persistent query: orders with many order lines, into their own topic (BIG_ORDERS).
CREATE STREAM big_orders AS
    SELECT o_w_id, o_d_id, o_id, o_ol_cnt, o_entry_d
    FROM orders
    WHERE o_ol_cnt >= 14
    EMIT CHANGES;

-- A push query: prints big orders as they arrive (Ctrl-C stops the server).
SELECT o_w_id AS warehouse, o_id, o_ol_cnt AS lines, o_entry_d FROM big_orders EMIT CHANGES;
