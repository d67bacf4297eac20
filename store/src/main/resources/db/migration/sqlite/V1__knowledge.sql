-- Every version of every object. seq is assigned by the writer (monotonic, gaps allowed);
-- version_at orders versions (microseconds of modified, else created), version text breaks ties.
CREATE TABLE objects (
    seq         INTEGER PRIMARY KEY,
    id          TEXT    NOT NULL,
    version     TEXT    NOT NULL,
    version_at  INTEGER NOT NULL,
    type        TEXT    NOT NULL,
    date_added  INTEGER NOT NULL,
    source      TEXT,
    location    TEXT,
    imported_at INTEGER,
    default_tlp TEXT,
    tlp         TEXT    NOT NULL,
    json        TEXT    NOT NULL,
    UNIQUE (id, version)
);
CREATE INDEX objects_date_added ON objects (date_added, seq);

-- The current (newest) version of each object.
CREATE TABLE current (
    id         TEXT    PRIMARY KEY,
    seq        INTEGER NOT NULL,
    type       TEXT    NOT NULL,
    version    TEXT    NOT NULL,
    version_at INTEGER NOT NULL,
    revoked    INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX current_type ON current (type, id);

-- Lookup keys (lower-case name, alias, external id) of non-revoked versions that became current,
-- by objects.seq. Rows of replaced versions stay and never match (queries join current on seq):
-- no delete, no second index, on the write path.
CREATE TABLE keys (
    key TEXT   NOT NULL,
    seq INTEGER NOT NULL,
    PRIMARY KEY (key, seq)
) WITHOUT ROWID;

-- Ids referenced by relationships and sightings, kept like keys.
CREATE TABLE edges (
    ref TEXT   NOT NULL,
    seq INTEGER NOT NULL,
    PRIMARY KEY (ref, seq)
) WITHOUT ROWID;

-- Full text of non-revoked versions that became current, kept like keys; rowid = objects.seq.
CREATE VIRTUAL TABLE search USING fts5 (
    name, aliases, description,
    content = '', tokenize = 'unicode61 remove_diacritics 2'
);

-- Entries of list versions; list_seq = objects.seq of the list version, ord = position in the list.
CREATE TABLE entries (
    list_seq   INTEGER NOT NULL,
    ord        INTEGER NOT NULL,
    type       TEXT    NOT NULL,
    value      TEXT    NOT NULL,
    port       INTEGER NOT NULL,
    subdomains INTEGER NOT NULL,
    comment    TEXT,
    reference  TEXT,
    line       INTEGER NOT NULL,
    PRIMARY KEY (list_seq, ord)
) WITHOUT ROWID;
