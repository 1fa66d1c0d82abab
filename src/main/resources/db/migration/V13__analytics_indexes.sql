-- The admin analytics page (admin/Analytics.java; AnalyticsQueryPlanTest checks the plans on PostgreSQL): each figure
-- reads only the rows of its window. Runs on PostgreSQL and on H2 in PostgreSQL mode.

-- Requests received in the window.
create index ix_review_task_received on review_task (received_at);
-- Decisions made in the window (outcomes, override rate, time to decision), and their tasks: a task's decided_at is
-- its decision's, so the join reads the window's rows of both tables, not all tasks.
create index ix_decision_decided on decision (decided_at);
create index ix_review_task_decided on review_task (decided_at);
-- Tasks closed in the window (expiry and cancel rates) read ix_review_task_closed_order (V9) on PostgreSQL; the
-- sandbox's H2 has no expression index and scans its few tasks.
