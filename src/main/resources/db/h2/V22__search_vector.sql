-- PostgreSQL stores the inbox search's words here (db/postgresql/V22__search_vector.sql); H2 searches with LIKE and
-- has nothing to store. This keeps the two schema histories at the same version.
select 1;
