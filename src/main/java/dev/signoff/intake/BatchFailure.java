package dev.signoff.intake;

/**
 * A message of a batch failed while it was taken in: the batch's transaction rolls back (this is a runtime
 * exception), and the poller takes that message in on its own and the others again as a batch.
 */
final class BatchFailure extends RuntimeException {

    private final int index;

    BatchFailure(int index, RuntimeException cause) {
        super("Message " + index + " of the batch failed: " + cause.getClass().getSimpleName(), cause);
        this.index = index;
    }

    /** Which message of the batch (0-based, in the order handed in). */
    int index() {
        return index;
    }
}
