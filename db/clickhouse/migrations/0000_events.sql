-- The event store on ClickHouse: the same narrow integer rows as SQLite's `events`
-- (db/schema.ts), written by the same ingest pipeline; dictionaries, accounts and the
-- evidence sample stay in the SQLite case store.
-- ReplacingMergeTree on (ts, rid), SQLite's primary key: a request ingested twice
-- collapses into one row (queries read with FINAL, so the answer never depends on
-- whether the background merge has run yet). Partitioned by UTC day: retention drops
-- whole days, and a detection window reads 30 partitions.
CREATE TABLE IF NOT EXISTS events (
  account UInt32,
  ts Int64,
  rid Int64,
  ip Int64,
  asn Nullable(UInt32),
  model UInt32,
  client Nullable(UInt32),
  api_key Nullable(UInt32),
  turn Nullable(Int32),
  input_tokens Int64,
  output_tokens Int64,
  max_tokens Nullable(Int64),
  reasoning_tokens Nullable(Int64),
  tool_count Nullable(Int32),
  finish Nullable(Int32),
  template Int64,
  flags UInt32,
  capability UInt8,
  system Int64,
  prompt_chars Int64
) ENGINE = ReplacingMergeTree
PARTITION BY intDiv(ts, 86400000)
ORDER BY (ts, rid)
