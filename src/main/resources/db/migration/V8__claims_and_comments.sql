-- Claims ("I'm on it") and comments between reviewers. Runs on PostgreSQL and on H2 in PostgreSQL mode.

-- Who holds an open task and since when. claim_active_at is the holder's last activity on it: the claim lapses
-- signoff.review.claim-idle after that (read-time rule, so nothing has to sweep). A claim never blocks a decision.
alter table review_task add column claimed_by varchar(256);
alter table review_task add column claimed_by_name varchar(256);
alter table review_task add column claimed_at timestamp with time zone;
alter table review_task add column claim_active_at timestamp with time zone;
-- "Claimed by me" in the inbox.
create index ix_review_task_claimed on review_task (claimed_by, status, claim_active_at);

-- Discussion before deciding. Each comment is also in the task's history (audit_event COMMENTED).
create table task_comment (
    id          uuid primary key,
    task_id     uuid           not null references review_task (id),
    author_id   varchar(256)   not null,
    author_name varchar(256),
    body        varchar(20000) not null,
    created_at  timestamp with time zone not null
);
create index ix_task_comment_task on task_comment (task_id, created_at);

-- Who did it, as people read it (the display name at the time); actor stays the stable id.
alter table audit_event add column actor_name varchar(256);
