package dev.signoff.notify;

/** How a person wants to hear of new tasks (docs/notifications.md, "Preferences, digests and delegation"). */
public enum NotifyMode {
    /** One mail per new task, as it arrives (a burst of them becomes a digest). */
    IMMEDIATE,
    /** No mail per task: one mail a day listing what waits for them. */
    DIGEST,
    /** No new-task mails at all. */
    OFF
}
