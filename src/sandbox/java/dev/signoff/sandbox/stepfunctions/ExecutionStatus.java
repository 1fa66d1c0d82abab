package dev.signoff.sandbox.stepfunctions;

/** The subset of Step Functions execution statuses the stand-in can reach. */
public enum ExecutionStatus {
    RUNNING,
    SUCCEEDED,
    FAILED,
    ABORTED
}
