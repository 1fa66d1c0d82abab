-- N-of-M approvals (review/TaskApprovals). Runs on PostgreSQL and on H2 in PostgreSQL mode.

-- The policy and the progress the inbox shows ("1/2") without reading the request: approvals_required is the
-- request's approval.required (null: one approval decides, no policy), approvals_count the approvals that count now,
-- written in the transaction that records or voids one.
alter table review_task add column approvals_required integer;
alter table review_task add column approvals_count integer not null default 0;

-- One row per person and task: the same person never counts twice. An approval of another output than the one the
-- others approved voids theirs (superseded_at set); a voided approver who approves again renews their row.
-- output_sha256 is the SHA-256 of the approved output as canonical JSON; only approvals of one output count together.
-- eligible_groups: the policy's distinctGroups the approver was in at approval time (newline-separated);
-- counted_group: the one group this approval fills, as the last count assigned it.
create table approval (
    id              uuid primary key,
    task_id         uuid          not null references review_task (id),
    reviewer_id     varchar(256)  not null,
    reviewer_name   varchar(256),
    idempotency_key varchar(64)   not null,
    output_sha256   varchar(64)   not null,
    output_json     varchar,
    eligible_groups varchar(13000),
    counted_group   varchar(256),
    approved_at     timestamp with time zone not null,
    superseded_at   timestamp with time zone,
    constraint uq_approval_task_reviewer unique (task_id, reviewer_id)
);
