-- The expiry policy of each review (review/TaskExpiry): what happens when nobody decided by expires_at. Tasks from
-- before this migration keep what they were promised: fail (Signoff.Expired).
alter table review_task add column on_expiry varchar(10);
update review_task set on_expiry = 'FAIL' where expires_at is not null;
alter table review_task add column escalated_at timestamp with time zone;
-- When the upkeep round next looks at the review's expiry: expires_at until the window is dealt with, then null
-- (a "notify" review keeps waiting past expires_at and must not be picked again every round).
alter table review_task add column expiry_check_at timestamp with time zone;
update review_task set expiry_check_at = expires_at where status = 'PENDING';
create index ix_review_task_expiry_check on review_task (status, expiry_check_at);
