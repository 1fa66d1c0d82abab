package dev.signoff.review;

import java.util.UUID;

/** A task that does not exist, or that this reviewer may not see: both look the same from outside. */
public class TaskAccessException extends RuntimeException {

    public TaskAccessException(UUID taskId) {
        super("No review task " + taskId + " is visible to you");
    }
}
