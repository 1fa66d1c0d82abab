package dev.signoff.notify;

import dev.signoff.config.NotLongerThan;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.net.URI;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hibernate.validator.constraints.time.DurationMin;

/** Notifications (docs/notifications.md). Out-of-range values stop the app at start-up, naming the property. */
@ConfigMapping(prefix = "signoff.notify")
@NotLongerThan(value = "initial-backoff", limit = "max-backoff")
public interface NotifyConfig {

    /** Write and send notifications. Off: no notification is written (the mailer needs an SMTP server). */
    @WithDefault("false")
    boolean enabled();

    /** Where people reach Signoff; mails link to {@code <base-url>/tasks/<id>}. */
    @WithDefault("http://localhost:8080")
    URI baseUrl();

    /** The sender of every mail, e.g. {@code Signoff <signoff@example.com>} (a verified identity with SES). */
    @WithDefault("Signoff <signoff@localhost>")
    @NotBlank
    String from();

    /** How often the sender looks for notices that are due. */
    @WithDefault("5s")
    @DurationMin(inclusive = false)
    Duration pollInterval();

    /** Notices claimed per round. */
    @WithDefault("20")
    @Min(1)
    @Max(500)
    int batchSize();

    /** How long a claimed notice is this instance's to send before another instance may take it over. */
    @WithDefault("2m")
    @DurationMin(seconds = 5)
    Duration lease();

    /** Send attempts before a notice that keeps failing temporarily is given up as FAILED. */
    @WithDefault("8")
    @Min(1)
    int maxAttempts();

    /** First retry delay after a temporary failure; doubles per attempt up to {@link #maxBackoff()}. */
    @WithDefault("1m")
    @DurationMin(inclusive = false)
    Duration initialBackoff();

    @WithDefault("1h")
    @DurationMin(inclusive = false)
    Duration maxBackoff();

    /** Findings a mail lists, most severe first. */
    @WithDefault("3")
    @Min(0)
    @Max(20)
    int topFindings();

    /** The requester's mail when their review is decided, expires or is cancelled (OutcomeNotices). */
    Outcomes outcomes();

    interface Outcomes {
        /** Mail the requester (when the directory knows them) how their review ended. */
        @WithDefault("true")
        boolean enabled();
    }

    /**
     * Slack and Microsoft Teams incoming webhooks, by name: each new task whose workflow or groups match is posted
     * there (title, due, highest severity, the task's link; never a token or a decision button).
     */
    Map<String, Webhook> webhooks();

    interface Webhook {
        /** The incoming webhook's URL (it is a secret: keep it out of the repository, e.g. in an env variable). */
        URI url();

        /** slack or teams: which payload the URL takes. */
        @WithDefault("slack")
        WebhookKind kind();

        /** Workflows (state machine names) whose new tasks are posted; with groups unset too: every task. */
        Optional<List<String>> workflows();

        /** Assigned groups whose new tasks are posted. */
        Optional<List<String>> groups();
    }

    enum WebhookKind {
        SLACK,
        TEAMS
    }

    /** Reminders before a task's dueAt (notify/TimedNotices). */
    Reminders reminders();

    /** Warnings before Step Functions' timeoutAt or Signoff's expiresAt, whichever comes first. */
    DeadlineWarnings deadlineWarnings();

    /** The escalation ladder: tell a group after a while, then optionally add it as an assignee (EscalationSweep). */
    Escalation escalation();

    /** How someone who has not chosen on /settings/notifications hears of new tasks: immediate, digest or off. */
    @WithDefault("immediate")
    NotifyMode defaultMode();

    /** The daily digest and burst handling (docs/notifications.md, "Preferences, digests and delegation"). */
    Digest digest();

    interface Digest {
        /** When (UTC, HH:mm) the daily digest goes to people whose mode is digest. */
        @WithDefault("08:00")
        LocalTime at();

        /** New-task mails one person gets within burst-window before further ones are held for one digest. */
        @WithDefault("10")
        @Min(1)
        int burstThreshold();

        @WithDefault("10m")
        @DurationMin(seconds = 1)
        Duration burstWindow();

        /** Tasks one digest lists; it says how many more wait. */
        @WithDefault("50")
        @Min(1)
        @Max(500)
        int maxTasks();

        /** How often the digest writer looks whether the hour has come. */
        @WithDefault("1m")
        @DurationMin(inclusive = false)
        Duration checkEvery();
    }

    /** The static directory: people, their addresses and groups (notify/StaticDirectory). */
    Map<String, Person> people();

    interface Person {
        /** Their name as people read it; the id when unset. */
        Optional<String> name();

        Optional<String> email();

        /** Groups they are in, for resolving a request's assigned groups to people. */
        Optional<List<String>> groups();
    }

    interface Reminders {
        /** How long before dueAt each reminder goes out; one already past when the task opens is not sent. */
        @WithDefault("24h,1h")
        List<@DurationMin(inclusive = false) Duration> beforeDue();
    }

    interface DeadlineWarnings {
        /** How long before the earlier of timeoutAt and expiresAt each warning goes out. */
        @WithDefault("24h,1h")
        List<@DurationMin(inclusive = false) Duration> before();
    }

    interface Escalation {
        /** How often the sweep looks for tasks that waited long enough to escalate. */
        @WithDefault("1m")
        @DurationMin(inclusive = false)
        Duration sweepInterval();

        /** The ladder of workflows that have none of their own; off unless notify-after and group are set. */
        @WithName("default")
        Ladder fallback();

        /** Ladders by state machine name, e.g. {@code workflows."invoice-processing".notify-after=8h}. */
        Map<String, Ladder> workflows();
    }

    /**
     * One workflow's ladder: after notify-after, mail the group's members; after reassign-after, add the group as an
     * assignee. Each step needs the group; either may be left out.
     */
    interface Ladder {
        Optional<@DurationMin(inclusive = false) Duration> notifyAfter();

        Optional<@DurationMin(inclusive = false) Duration> reassignAfter();

        /** The escalation group (a directory group, and the assignee group a reassignment adds). */
        Optional<String> group();
    }
}
