-- The initial store: the four canonical record kinds plus attendees, the
-- rows connectors could not read, and one line per ingest run and file.
-- Every data row carries its source (one named export) and the file and line
-- it came from, so any number in a report can be traced back to the export.
-- No primary keys: DuckDB's indexes cost memory and appends at tens of
-- millions of rows; the ingest checks ID uniqueness itself.

CREATE TABLE users (
    source      VARCHAR NOT NULL,
    id          VARCHAR NOT NULL,
    name        VARCHAR,
    email       VARCHAR,
    title       VARCHAR,
    role        VARCHAR,
    manager_id  VARCHAR,
    active      BOOLEAN NOT NULL,
    joined_at   TIMESTAMP,
    left_at     TIMESTAMP,
    src_file    VARCHAR NOT NULL,
    src_line    BIGINT NOT NULL
);

CREATE TABLE accounts (
    source          VARCHAR NOT NULL,
    id              VARCHAR NOT NULL,
    name            VARCHAR,
    owner_id        VARCHAR,
    annual_revenue  DOUBLE,
    type            VARCHAR,
    tier            VARCHAR,
    industry        VARCHAR,
    src_file        VARCHAR NOT NULL,
    src_line        BIGINT NOT NULL
);

CREATE TABLE opportunities (
    source      VARCHAR NOT NULL,
    id          VARCHAR NOT NULL,
    account_id  VARCHAR,
    owner_id    VARCHAR,
    name        VARCHAR,
    stage       VARCHAR,
    amount      DOUBLE,
    is_closed   BOOLEAN NOT NULL,
    is_won      BOOLEAN NOT NULL,
    close_date  DATE,
    created_at  TIMESTAMP,
    src_file    VARCHAR NOT NULL,
    src_line    BIGINT NOT NULL
);

CREATE TABLE activities (
    source            VARCHAR NOT NULL,
    id                VARCHAR NOT NULL,
    kind              VARCHAR NOT NULL,
    subject           VARCHAR,
    owner_id          VARCHAR,
    account_id        VARCHAR,
    opportunity_id    VARCHAR,
    start_at          TIMESTAMP,
    end_at            TIMESTAMP,
    duration_seconds  BIGINT NOT NULL,
    status            VARCHAR,
    is_closed         BOOLEAN NOT NULL,
    priority          VARCHAR,
    due_date          DATE,
    completed_at      TIMESTAMP,
    raw_type          VARCHAR,
    src_file          VARCHAR NOT NULL,
    src_line          BIGINT NOT NULL
);

CREATE TABLE activity_attendees (
    source       VARCHAR NOT NULL,
    activity_id  VARCHAR NOT NULL,
    user_id      VARCHAR,
    contact_id   VARCHAR,
    email        VARCHAR,
    name         VARCHAR,
    internal     BOOLEAN NOT NULL,
    organizer    BOOLEAN NOT NULL,
    response     VARCHAR,
    src_file     VARCHAR NOT NULL,
    src_line     BIGINT NOT NULL
);

CREATE TABLE rejects (
    source  VARCHAR NOT NULL,
    run_id  BIGINT NOT NULL,
    kind    VARCHAR,
    file    VARCHAR NOT NULL,
    line    BIGINT NOT NULL,
    field   VARCHAR,
    reason  VARCHAR NOT NULL,
    raw     VARCHAR
);

CREATE SEQUENCE ingest_run_ids START 1;

CREATE TABLE ingest_runs (
    id                 BIGINT PRIMARY KEY,
    source             VARCHAR NOT NULL,
    connector          VARCHAR NOT NULL,
    connector_version  VARCHAR NOT NULL,
    protocol_version   INTEGER NOT NULL,
    input              VARCHAR NOT NULL,
    started_at         TIMESTAMP NOT NULL,
    finished_at        TIMESTAMP NOT NULL,
    users              BIGINT NOT NULL,
    accounts           BIGINT NOT NULL,
    opportunities      BIGINT NOT NULL,
    activities         BIGINT NOT NULL,
    attendees          BIGINT NOT NULL,
    rejects            BIGINT NOT NULL,
    skipped            BIGINT NOT NULL,
    status             VARCHAR NOT NULL
);

-- One row per input file of a run: rows_read = rows_loaded + rows_rejected
-- + rows_skipped, checked before the run commits.
CREATE TABLE ingest_files (
    run_id         BIGINT NOT NULL,
    source         VARCHAR NOT NULL,
    file           VARCHAR NOT NULL,
    rows_read      BIGINT NOT NULL,
    rows_loaded    BIGINT NOT NULL,
    rows_rejected  BIGINT NOT NULL,
    rows_skipped   BIGINT NOT NULL,
    skip_reasons   VARCHAR
);
