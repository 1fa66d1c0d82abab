-- The admin dashboard (admin/, web/AdminPage.java). PostgreSQL only: db/h2/V10__admin_dashboard.sql is the sandbox's
-- twin, with plain indexes where H2 has no partial ones.

-- An admin marked a failed callback handled, or dismissed a quarantined request: who, when and why. The row stays (the
-- audit trail points at it); it only leaves the dashboard.
alter table outbox add column handled_at timestamp with time zone;
alter table outbox add column handled_by varchar(256);
alter table outbox add column handled_note varchar(2000);
alter table quarantine add column handled_at timestamp with time zone;
alter table quarantine add column handled_by varchar(256);
alter table quarantine add column handled_note varchar(2000);

-- The delivery failures tile and list: callbacks that gave up (FAILED) or cannot tell (UNCONFIRMED), not yet handled,
-- newest first. Small by nature, so the partial index stays small as the outbox grows.
create index ix_outbox_unhandled_failures on outbox (created_at, id)
    where status in ('FAILED', 'UNCONFIRMED') and handled_at is null;
-- The quarantine tile and list: requests nobody dismissed yet, newest first.
create index ix_quarantine_open on quarantine (received_at, id) where handled_at is null;
-- "Retry now" is offered only while no other callback for the same token is delivered or queued
-- (decision/DeliveryFailures.java): looked up by the token's hash.
create index ix_outbox_token on outbox (token_hash);
