-- What Signoff's runtime database role may do (PostgreSQL). docs/deployment.md "Database roles" explains the setup;
-- security/RuntimeGrantsTest runs this script and proves each line.
--
-- Two roles: signoff_owner owns the schema and is the one Flyway migrates as (QUARKUS_FLYWAY_USERNAME); signoff_app
-- is the application's own connection (QUARKUS_DATASOURCE_USERNAME) and owns nothing, so it cannot alter, drop or
-- truncate a table, nor grant itself more. Run this script as signoff_owner after the first start and after every
-- upgrade (it is idempotent): the default privileges below cover tables later migrations create, and the explicit
-- revokes keep the append-only tables append-only whatever was granted before.

grant usage on schema public to signoff_app;

-- Working tables: the app reads and writes them (claims are deleted when released, the outbox is updated as it
-- delivers).
grant select, insert, update, delete on all tables in schema public to signoff_app;
alter default privileges for role signoff_owner in schema public
    grant select, insert, update, delete on tables to signoff_app;

-- The audit trail is append-only: the app adds events and reads them, and nothing it runs can change or remove one.
revoke update, delete, truncate on audit_event from signoff_app;

-- Migrations are the owner's: the app reads nothing there and writes nothing.
revoke all on flyway_schema_history from signoff_app;
