-- The admin audit page and its exports (admin/AuditTrail.java; AuditQueryPlanTest checks the plans on PostgreSQL):
-- newest first, keyset paged on (at, id), filtered by actor or type, each through an index that is already in that
-- order. A task's history reads ix_audit_task (V1). Runs on PostgreSQL and on H2 in PostgreSQL mode.
create index ix_audit_at on audit_event (at, id);
create index ix_audit_actor on audit_event (actor, at, id);
create index ix_audit_type on audit_event (type, at, id);
