DROP TABLE keys;
DROP TABLE fingerprints;
DROP TABLE author_events;
DROP TABLE chain_heads;
DROP TABLE decisions;
