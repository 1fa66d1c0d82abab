-- Executions Step Functions reported as ended (execution events queue), so that a review request that arrives after
-- its execution's end event is stored as CANCELLED. One row per execution; a redriven execution that ends again
-- keeps its latest end. Runs on PostgreSQL and on H2 in PostgreSQL mode.
create table ended_execution (
    execution_arn varchar(2048) primary key,
    status        varchar(20)   not null,
    stop_date     timestamp with time zone not null,
    event_id      varchar(128)  not null,
    received_at   timestamp with time zone not null
);
