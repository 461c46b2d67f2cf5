-- The JSON item store. Standard SQL that H2 2.x and PostgreSQL both run unchanged.
--
-- id: an identity column draws from a sequence, never from MAX(id) + 1, so deleting the
-- newest item does not free its id. Neither database hands out a sequence value twice, even
-- after a crash: each records a block of values ahead before using them, so a crash leaves
-- a gap, never a repeat. ALWAYS refuses ids chosen by the caller, which could collide later.
--
-- body: the JSON object text. TEXT is PostgreSQL's unbounded string type; H2 2.x reads it
-- as CHARACTER VARYING (up to 1,000,000,000 characters, stored inline). CLOB and CHARACTER
-- LARGE OBJECT do not exist in PostgreSQL, and would make H2 store and read bodies as LOBs.
CREATE TABLE items (
    id   BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    body TEXT NOT NULL
);
