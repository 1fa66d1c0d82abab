package dev.signoff.sandbox.stepfunctions;

/**
 * Receives the stand-in's "Step Functions Execution Status Change" events, one per execution that reaches a terminal
 * status, as the JSON text EventBridge would deliver to a rule's SQS target (see {@link StatusChangeEvent}).
 *
 * <p>Called synchronously, with the execution locked, before the call that ended it returns: a listener must not
 * call back into the stand-in for that execution (it would wait for itself), and should be quick. If it throws, the
 * stand-in logs the failure and the API call still succeeds; the event is lost, much as EventBridge's delivery of
 * service events is only best effort.
 */
@FunctionalInterface
public interface StatusChangeListener {

    /** A listener that drops every event. */
    StatusChangeListener NONE = eventJson -> {};

    void statusChanged(String eventJson);
}
