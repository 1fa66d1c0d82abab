-- Fenced outbox leases and an unforgeable history marker (decision/DeliveryStore.java). Runs on PostgreSQL and on H2
-- in PostgreSQL mode.

-- Written at each claim; every result write requires it, so an instance whose lease ran out (and whose row another
-- instance claimed since) records nothing.
alter table outbox add column claim_token uuid;

-- A random id put into the callback's own output or cause when it is queued: finding it in the execution history
-- proves our callback landed. Rows queued before this column existed have none and are matched by their decision,
-- quarantine or task id.
alter table outbox add column delivery_id uuid;
