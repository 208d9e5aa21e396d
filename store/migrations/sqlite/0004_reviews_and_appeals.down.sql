DROP TABLE reviews;
ALTER TABLE author_events DROP COLUMN voided_at;
DROP INDEX decisions_settles;
ALTER TABLE decisions DROP COLUMN platform;
ALTER TABLE decisions DROP COLUMN settles;
ALTER TABLE decisions DROP COLUMN kind;
