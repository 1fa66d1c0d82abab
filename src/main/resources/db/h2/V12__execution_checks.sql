-- The reconciliation sweep and the stalled list's groups: the sandbox's twin of
-- db/postgresql/V12__execution_checks.sql, with plain indexes (H2 has no partial ones).

alter table review_task add column execution_status varchar(32);
alter table review_task add column execution_checked_at timestamp with time zone;

create index ix_review_task_reconcile on review_task (status, execution_checked_at, id);
create index ix_review_task_checked on review_task (execution_checked_at);
create index ix_review_task_pending_group on review_task (status, state_machine_arn, state_name, received_at, id);
