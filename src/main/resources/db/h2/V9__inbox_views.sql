-- The sandbox's (H2) twin of db/postgresql/V9__inbox_views.sql: the same columns; H2 has neither expression, partial
-- nor full-text indexes of that kind, so the search is a case-insensitive LIKE over search_text (small data).
alter table review_task add column highest_severity smallint;
alter table review_task add column search_text varchar;
create index ix_review_task_pending_severity on review_task (status, highest_severity, received_at, id);
create index ix_review_task_pending_age on review_task (status, received_at, id);
