-- expiresAt (review-request/v1, optional): when Signoff closes a review nobody decided and fails the execution
-- with Signoff.Expired. The upkeep job looks for PENDING tasks past it.
alter table review_task add column expires_at timestamp with time zone;
create index ix_review_task_expiry on review_task (status, expires_at);
