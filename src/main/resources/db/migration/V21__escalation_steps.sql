-- The escalation ladder (notify/EscalationSweep): one row per task and step taken ('notify': the escalation group was
-- mailed; 'reassign': the group was added as an assignee). The primary key is the guard that makes each step happen,
-- and be audited, once per task, however many instances sweep at the same moment.
create table escalation_step (
    task_id uuid         not null references review_task (id),
    step    varchar(16)  not null,
    done_at timestamp with time zone not null,
    constraint pk_escalation_step primary key (task_id, step)
);
