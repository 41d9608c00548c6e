-- Eddy quickstart: TPC-C style orders, a filter and a projection, on the built-in in-memory broker.
-- `make run-memory` executes this script; each SELECT prints the rows it sees from the earliest offset.

CREATE STREAM orders (
    o_id BIGINT KEY,
    o_w_id INT,
    o_d_id INT,
    o_c_id INT,
    o_ol_cnt INT,
    o_entry_d STRING
) WITH (kafka_topic='orders', value_format='JSON', partitions=1);

CREATE STREAM big_orders AS
    SELECT o_id, o_w_id, o_c_id, o_ol_cnt, o_ol_cnt * 10 AS est_value
    FROM orders
    WHERE o_ol_cnt >= 10;

CREATE STREAM orders_by_warehouse AS
    SELECT o_w_id, o_id, UCASE(o_entry_d) AS entry
    FROM orders
    PARTITION BY o_w_id;

INSERT INTO orders (o_id, o_w_id, o_d_id, o_c_id, o_ol_cnt, o_entry_d) VALUES (3001, 1, 1, 17, 12, '2024-05-01 10:00:00');
INSERT INTO orders (o_id, o_w_id, o_d_id, o_c_id, o_ol_cnt, o_entry_d) VALUES (3002, 2, 4, 25, 5, '2024-05-01 10:00:01');
INSERT INTO orders (o_id, o_w_id, o_d_id, o_c_id, o_ol_cnt, o_entry_d) VALUES (3003, 1, 7, 3, 15, '2024-05-01 10:00:02');
INSERT INTO orders (o_id, o_w_id, o_d_id, o_c_id, o_ol_cnt, o_entry_d) VALUES (3004, 3, 2, 41, 8, '2024-05-01 10:00:03');

SELECT * FROM big_orders EMIT CHANGES;
SELECT * FROM orders_by_warehouse EMIT CHANGES LIMIT 3;
