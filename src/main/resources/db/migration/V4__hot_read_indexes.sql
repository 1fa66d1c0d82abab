-- Every hot read goes through an index (review/TaskQueries.java, decision/DeliveryStore.java; TaskQueryPlansTest
-- checks the plans on PostgreSQL). Runs on PostgreSQL and on H2 in PostgreSQL mode.

-- When the next heartbeat is due, so the upkeep job reads only the tasks that need one instead of every task that
-- heartbeats. Cleared when a task closes.
alter table review_task add column next_heartbeat_at timestamp with time zone;
-- Tasks stored before this column existed are due at once: a heartbeat early is harmless, one missed is not.
update review_task set next_heartbeat_at = coalesce(last_heartbeat_at, received_at)
    where heartbeat_seconds is not null and status in ('PENDING', 'DECIDED');
create index ix_review_task_heartbeat on review_task (next_heartbeat_at);

-- Execution status change events look up an execution's open reviews.
create index ix_review_task_execution on review_task (execution_arn);

-- The inbox: open tasks soonest due first. Where a reviewer sees most open tasks the planner walks it in order and
-- stops at the limit; keyset paging over it comes with the inbox views.
create index ix_review_task_pending_due on review_task (status, due_at, received_at, id);

-- The upkeep job: open tasks past Step Functions' deadline.
create index ix_review_task_timeout on review_task (status, timeout_at);
