-- Notifications (notify/): an outbox of mails and chat posts, people's notification preferences, and out-of-office
-- delegations. Runs on PostgreSQL and on H2 in PostgreSQL mode.

-- One row per notice and recipient, written in the transaction of the event that causes it and sent later by
-- notify/NotificationSender. dedupe_key names the event and the recipient (kind, task, occurrence, recipient): the
-- unique constraint is what makes a notice exist once, whichever instance or retry writes it.
-- recipient: a user id, or for chat posts the webhook's configured name; address: where it goes (an email address;
-- empty for webhooks, whose URL stays in configuration). occurrence: which one of a repeated notice (a reminder's
-- offset, a digest's date), empty when there is only one.
-- status: PENDING (to send), SENT, REFUSED (a permanent refusal: never retried), FAILED (gave up after retries),
-- SKIPPED (nothing to say any more, e.g. the task was decided before its reminder was due).
create table notification (
    id              uuid primary key,
    kind            varchar(32)   not null,
    channel         varchar(16)   not null,
    task_id         uuid          references review_task (id),
    recipient       varchar(256)  not null,
    address         varchar(320)  not null,
    occurrence      varchar(64)   not null,
    dedupe_key      varchar(700)  not null,
    status          varchar(16)   not null,
    attempts        integer       not null default 0,
    next_attempt_at timestamp with time zone not null,
    lease_until     timestamp with time zone,
    claim_token     uuid,
    subject         varchar(500),
    last_error      varchar(2000),
    created_at      timestamp with time zone not null,
    sent_at         timestamp with time zone,
    constraint uq_notification_dedupe unique (dedupe_key)
);
-- The sender's claim (status, next_attempt_at), the admin list of refusals and failures, and a task's notices.
create index ix_notification_due on notification (status, next_attempt_at);
create index ix_notification_task on notification (task_id);
create index ix_notification_recipient on notification (recipient, created_at);

-- How a person wants to hear of new tasks: IMMEDIATE (one mail per task), DIGEST (one mail a day), OFF.
-- No row: the configured default.
create table notification_preference (
    user_id    varchar(256) primary key,
    mode       varchar(16)  not null,
    updated_at timestamp with time zone not null
);

-- Out of office: from starts_at until ends_at, tasks and mails for from_user also go to to_user.
create table delegation (
    id         uuid primary key,
    from_user  varchar(256) not null,
    to_user    varchar(256) not null,
    starts_at  timestamp with time zone not null,
    ends_at    timestamp with time zone not null,
    created_at timestamp with time zone not null,
    revoked_at timestamp with time zone
);
create index ix_delegation_from on delegation (from_user, ends_at);
create index ix_delegation_to on delegation (to_user, ends_at);
