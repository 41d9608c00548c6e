-- Eddy quickstart on the embedded dev stack (`make run`, i.e. `eddy server --dev examples/quickstart/*.sql`).
-- The dev stack feeds TPC-C orders, as TiCDC publishes them from TiDB, into the topic tidb_tpcc_orders.

-- Read every topic from its beginning rather than only new records.
SET 'auto.offset.reset' = 'earliest';

-- TODO(avro): once the AVRO format and the embedded schema registry land, the feed switches to
-- AVRO and this becomes `CREATE STREAM orders WITH (kafka_topic='tidb_tpcc_orders', value_format='AVRO');`
-- with the columns read from the registry.
CREATE STREAM orders (
    o_id INT, o_d_id INT, o_w_id INT, o_c_id INT, o_entry_d STRING,
    o_carrier_id INT, o_ol_cnt INT, o_all_local INT
) WITH (kafka_topic='tidb_tpcc_orders', value_format='JSON');
