-- A redriven execution re-enters its review state with a new token: the new review supersedes the earlier one of
-- the same execution and state (review/TaskRedrives). Plain SQL for PostgreSQL and H2 alike.
alter table review_task add column redrive_count integer;
alter table review_task add column supersedes uuid;
alter table review_task add column superseded_by uuid;
