package dev.signoff.web;

import dev.signoff.review.TaskStatus;
import java.util.UUID;

/** Where a decided task's callback stands, as the panel's status fragment shows it; polled while pending. */
public record DeliveryView(UUID taskId, TaskStatus status, String state, String label, boolean pending) {

    static DeliveryView of(UUID taskId, TaskStatus status) {
        return switch (status) {
            case DELIVERED ->
                new DeliveryView(taskId, status, "delivered", "Delivered: the workflow has resumed.", false);
            case EXPIRED ->
                new DeliveryView(
                        taskId,
                        status,
                        "expired",
                        "Expired: Step Functions no longer waited for this decision.",
                        false);
            case DELIVERY_FAILED ->
                new DeliveryView(
                        taskId,
                        status,
                        "failed",
                        "Failed: the decision could not be delivered; an admin can see why.",
                        false);
            case DELIVERY_UNCONFIRMED ->
                new DeliveryView(
                        taskId,
                        status,
                        "failed",
                        "Unconfirmed: it may not have landed; an admin checks the execution.",
                        false);
            default ->
                new DeliveryView(taskId, status, "pending", "Pending: sending the decision to the workflow…", true);
        };
    }
}
