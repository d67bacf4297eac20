-- Every version of every object. seq comes from objects_seq (monotonic, gaps allowed);
-- version_at orders versions (microseconds of modified, else created), version text breaks ties.
CREATE SEQUENCE objects_seq;

CREATE TABLE objects (
    seq         BIGINT  PRIMARY KEY,
    id          TEXT    NOT NULL,
    version     TEXT    NOT NULL,
    version_at  BIGINT  NOT NULL,
    type        TEXT    NOT NULL,
    date_added  BIGINT  NOT NULL,
    source      TEXT,
    location    TEXT,
    imported_at BIGINT,
    default_tlp TEXT,
    tlp         TEXT    NOT NULL,
    json        JSONB   NOT NULL,
    UNIQUE (id, version)
);
CREATE INDEX objects_date_added ON objects (date_added, seq);

-- The current (newest) version of each object.
CREATE TABLE current (
    id         TEXT    PRIMARY KEY,
    seq        BIGINT  NOT NULL,
    type       TEXT    NOT NULL,
    version    TEXT    NOT NULL,
    version_at BIGINT  NOT NULL,
    revoked    BOOLEAN NOT NULL
);
CREATE INDEX current_type ON current (type, id);

-- Lookup keys (lower-case name, alias, external id) of non-revoked versions that became current,
-- by objects.seq. Rows of replaced versions stay and never match (queries join current on seq):
-- no delete, no second index, on the write path.
CREATE TABLE keys (
    key TEXT   NOT NULL,
    seq BIGINT NOT NULL,
    PRIMARY KEY (key, seq)
);

-- Ids referenced by relationships and sightings, kept like keys.
CREATE TABLE edges (
    ref TEXT   NOT NULL,
    seq BIGINT NOT NULL,
    PRIMARY KEY (ref, seq)
);

-- Full text of non-revoked versions that became current, kept like keys: names and aliases
-- weigh A, descriptions B.
CREATE TABLE search (
    seq BIGINT   PRIMARY KEY,
    doc TSVECTOR NOT NULL
);
CREATE INDEX search_doc ON search USING GIN (doc);

-- Entries of list versions; list_seq = objects.seq of the list version, ord = position in the list.
CREATE TABLE entries (
    list_seq   BIGINT  NOT NULL,
    ord        INTEGER NOT NULL,
    type       TEXT    NOT NULL,
    value      TEXT    NOT NULL,
    port       INTEGER NOT NULL,
    subdomains BOOLEAN NOT NULL,
    comment    TEXT,
    reference  TEXT,
    line       BIGINT  NOT NULL,
    PRIMARY KEY (list_seq, ord)
);
