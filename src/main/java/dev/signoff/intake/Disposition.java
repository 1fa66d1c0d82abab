package dev.signoff.intake;

/** What the poller does with a message once its transaction has committed. */
enum Disposition {
    /** Done with (taken in, a duplicate, or failed back to its execution): delete it. */
    DELETE,
    /** Leave it on the queue: it is redelivered and, after maxReceiveCount, moved to the dead-letter queue. */
    LEAVE
}
