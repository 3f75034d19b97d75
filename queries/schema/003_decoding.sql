-- How each input file's text was decoded (plugin.Decoding): real exports mix
-- encodings line by line, so the lines holding non-ASCII text are counted
-- by the encoding they were read in (UTF-8, or the file's single-byte
-- encoding, named), with the bytes kept as C1 controls (bytes Windows-1252
-- leaves undefined). Zero for a file with nothing to decode; NULL for runs
-- loaded before this migration, whose decoding was not recorded.
ALTER TABLE ingest_files ADD COLUMN utf8_lines BIGINT;
ALTER TABLE ingest_files ADD COLUMN single_byte_lines BIGINT;
ALTER TABLE ingest_files ADD COLUMN single_byte_encoding VARCHAR;
ALTER TABLE ingest_files ADD COLUMN c1_bytes_kept BIGINT;
