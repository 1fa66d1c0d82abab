-- The admin dashboard (admin/, web/AdminPage.java): the sandbox's twin of db/postgresql/V10__admin_dashboard.sql, with
-- plain indexes (H2 has no partial ones).

alter table outbox add column handled_at timestamp with time zone;
alter table outbox add column handled_by varchar(256);
alter table outbox add column handled_note varchar(2000);
alter table quarantine add column handled_at timestamp with time zone;
alter table quarantine add column handled_by varchar(256);
alter table quarantine add column handled_note varchar(2000);

create index ix_outbox_unhandled_failures on outbox (status, handled_at, created_at, id);
create index ix_quarantine_open on quarantine (handled_at, received_at, id);
create index ix_outbox_token on outbox (token_hash);
