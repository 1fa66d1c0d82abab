-- The reconciliation sweep (intake/Reconciliation.java, review/ExecutionChecks.java) and the stalled list's groups
-- (admin/AdminLists.java). PostgreSQL only: db/h2/V12__execution_checks.sql is the sandbox's twin, with plain indexes
-- where H2 has no partial ones.

-- What DescribeExecution last said about the task's execution (RUNNING, ABORTED, ..., DOES_NOT_EXIST), and when it was
-- asked. Null until the sweep first gets to the task.
alter table review_task add column execution_status varchar(32);
alter table review_task add column execution_checked_at timestamp with time zone;

-- The sweep's pick: waiting tasks never checked first, then the longest since their last check. Partial: it holds only
-- the waiting tasks, however many closed ones pile up.
create index ix_review_task_reconcile on review_task (execution_checked_at nulls first, id) where status = 'PENDING';
-- The sweep's fleet-wide budget: checks any instance made since a given instant, the tasks they closed included.
create index ix_review_task_checked on review_task (execution_checked_at) where execution_checked_at is not null;

-- The stalled list's groups: waiting tasks counted per workflow and state (an index-only scan), and one group's
-- waiting tasks paged longest-waiting first.
create index ix_review_task_pending_group on review_task (status, state_machine_arn, state_name, received_at, id);
