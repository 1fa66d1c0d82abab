-- The inbox search's words, stored. A search now walks the view's order and tests each row as it goes
-- (review/InboxSql.searchWalk): computing to_tsvector from search_text for every row walked cost about 50 µs a row,
-- testing a stored vector a few. The full-text index moves to the stored column (the same words).
--
-- Adding a stored generated column rewrites review_task under an exclusive lock: about 2 minutes per million tasks on
-- 2 cores (docs/operations.md, "Upgrading"). Instances of the previous release keep working during a rollout, but
-- their searches no longer find an index for their expression and scan the table until they are replaced.
alter table review_task add column search_vector tsvector
    generated always as (to_tsvector('simple', coalesce(search_text, ''))) stored;
create index ix_review_task_search_vector on review_task using gin (search_vector);
drop index ix_review_task_search;
