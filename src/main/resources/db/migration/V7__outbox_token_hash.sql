-- The hash of the token an outbox row carries: tokens are sealed bound to it (security/TokenCipher, v2), so a sealed
-- token opens only in a row for that same token. Runs on PostgreSQL and on H2 in PostgreSQL mode.
alter table outbox add column token_hash varchar(64);
update outbox set token_hash = (select t.token_hash from review_task t where t.id = outbox.task_id)
    where task_id is not null;
update outbox set token_hash = (select q.token_hash from quarantine q where q.id = outbox.quarantine_id)
    where task_id is null and quarantine_id is not null;
