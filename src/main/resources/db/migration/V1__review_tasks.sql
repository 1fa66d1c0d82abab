-- Runs on PostgreSQL (production, tests) and on H2 in PostgreSQL mode (sandbox).

create table review_task (
    id                uuid primary key,
    token_hash        varchar(64)   not null,
    token_ciphertext  varchar(4096) not null,
    execution_arn     varchar(2048) not null,
    state_machine_arn varchar(2048),
    state_name        varchar(256),
    title             varchar(200)  not null,
    request_json      varchar       not null,
    requested_by      varchar(256),
    status            varchar(20)   not null,
    status_reason     varchar(2000),
    entered_at        timestamp with time zone,
    received_at       timestamp with time zone not null,
    due_at            timestamp with time zone,
    timeout_at        timestamp with time zone,
    heartbeat_seconds integer,
    last_heartbeat_at timestamp with time zone,
    decided_at        timestamp with time zone,
    closed_at         timestamp with time zone,
    version           bigint        not null,
    constraint uq_review_task_token unique (token_hash)
);
create index ix_review_task_status on review_task (status, received_at);

create table task_assignee (
    task_id uuid         not null references review_task (id),
    kind    varchar(10)  not null,
    name    varchar(256) not null,
    primary key (task_id, kind, name)
);
create index ix_task_assignee_name on task_assignee (kind, name);

create table decision (
    id              uuid primary key,
    task_id         uuid          not null references review_task (id),
    idempotency_key varchar(64)   not null,
    outcome         varchar(20)   not null,
    comment         varchar(32768),
    reason_code     varchar(128),
    output_json     varchar,
    edited          boolean       not null,
    reviewer_id     varchar(256)  not null,
    reviewer_name   varchar(256),
    reviewer_email  varchar(320),
    decided_at      timestamp with time zone not null,
    constraint uq_decision_task unique (task_id)
);

-- One row per callback Step Functions must receive. It carries its own encrypted token so that callbacks
-- for quarantined requests (which have no task) go through the same durable, retried path.
create table outbox (
    id               uuid primary key,
    task_id          uuid references review_task (id),
    decision_id      uuid references decision (id),
    quarantine_id    uuid,
    execution_arn    varchar(2048),
    token_ciphertext varchar(4096) not null,
    kind             varchar(10)   not null,
    output_json      varchar,
    error_code       varchar(256),
    error_cause      varchar(32768),
    status           varchar(20)   not null,
    attempts         integer       not null,
    next_attempt_at  timestamp with time zone not null,
    lease_until      timestamp with time zone,
    last_error       varchar(2000),
    created_at       timestamp with time zone not null,
    delivered_at     timestamp with time zone
);
create index ix_outbox_due on outbox (status, next_attempt_at);

create table quarantine (
    id            uuid primary key,
    message_id    varchar(128)  not null,
    received_at   timestamp with time zone not null,
    receive_count integer       not null,
    body          varchar       not null,
    reason        varchar(8000) not null,
    token_hash    varchar(64),
    execution_arn varchar(2048),
    action        varchar(30)   not null,
    constraint uq_quarantine_message unique (message_id)
);
create index ix_quarantine_token on quarantine (token_hash);

create table audit_event (
    id       uuid primary key,
    at       timestamp with time zone not null,
    actor    varchar(256) not null,
    task_id  uuid,
    type     varchar(40)  not null,
    detail   varchar(4000)
);
create index ix_audit_task on audit_event (task_id, at);
