-- The inbox's views, filters and search (review/InboxSql.java; TaskQueryPlansTest checks the plans). PostgreSQL only:
-- db/h2/V9__inbox_views.sql is the sandbox's twin, without the full-text index H2 has no equivalent for.

-- Highest severity among the request's findings: INFO=1 .. CRITICAL=5, 0 = no findings. Set at intake; rows from
-- before V9 are filled once at start-up from their request (review/InboxBackfill), null until then.
alter table review_task add column highest_severity smallint;
-- Title, summary and findings (titles and details) as one lower-cased text, for the inbox search. Null = not yet
-- filled (see above).
alter table review_task add column search_text varchar;

-- Open tasks in each sort order, walked in order and stopped at the page size (keyset paging, never OFFSET).
-- Due order is ix_review_task_pending_due (V4). Each sort is walked band by band (severity: one band per level).
-- The same indexes serve the admins' "all" view, one status at a time.
create index ix_review_task_pending_severity on review_task (status, highest_severity, received_at, id);
create index ix_review_task_pending_age on review_task (status, received_at, id);
-- The decided view: newest close (or decision) first, walked backwards.
create index ix_review_task_closed_order on review_task ((coalesce(closed_at, decided_at, received_at)), id);
-- Search: to_tsvector('simple', ...) keeps every word as written (no stemming, no stop words: agents write codes
-- and names).
create index ix_review_task_search on review_task using gin (to_tsvector('simple', coalesce(search_text, '')));
-- The start-up backfill finds rows from before V9 without reading the others.
create index ix_review_task_unfilled on review_task (id) where search_text is null;
