-- Eddy quickstart on the embedded dev stack (`make run`, i.e. `eddy server --dev examples/quickstart/*.sql`).
-- The dev stack feeds TPC-C orders, as TiCDC publishes them from TiDB, into the topic tidb_tpcc_orders
-- as AVRO, with their schema in the embedded schema registry (subject tidb_tpcc_orders-value).

-- Read every topic from its beginning rather than only new records.
SET 'auto.offset.reset' = 'earliest';

-- No column list: the columns come from the registered schema (O_ID, O_D_ID, O_W_ID, O_C_ID,
-- O_ENTRY_D, O_CARRIER_ID, O_OL_CNT, O_ALL_LOCAL).
CREATE STREAM orders WITH (kafka_topic='tidb_tpcc_orders', value_format='AVRO');
