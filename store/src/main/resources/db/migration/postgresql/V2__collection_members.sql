-- Explicit membership of TAXII collections that are not queries: which object ids belong to which
-- collection. An id belongs with every one of its versions.
CREATE TABLE collection_members (
    collection TEXT NOT NULL,
    id         TEXT NOT NULL,
    PRIMARY KEY (collection, id)
);
