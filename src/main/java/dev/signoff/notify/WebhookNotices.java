package dev.signoff.notify;

import dev.signoff.contract.ReviewRequest;
import dev.signoff.review.TaskOpened;
import dev.signoff.review.TaskSummary;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** A new task: one post to each configured webhook whose workflows or groups match, written with the task. */
@ApplicationScoped
class WebhookNotices {

    private final NotifyConfig config;
    private final Notifications notifications;
    private final Clock clock;

    WebhookNotices(NotifyConfig config, Notifications notifications, Clock clock) {
        this.config = config;
        this.notifications = notifications;
        this.clock = clock;
    }

    void onOpened(@Observes TaskOpened opened) {
        if (!config.enabled() || config.webhooks().isEmpty()) {
            return;
        }
        List<Notice> posts = config.webhooks().entrySet().stream()
                .filter(hook -> matches(hook.getValue(), opened.request()))
                .sorted(Map.Entry.comparingByKey())
                .map(hook -> Notice.post(
                        Notification.Kind.NEW_TASK,
                        channel(hook.getValue().kind()),
                        opened.taskId(),
                        hook.getKey(),
                        clock.instant()))
                .toList();
        notifications.write(posts);
    }

    /** Both unset: every task. Otherwise the task's workflow is listed, or one of its groups is. */
    static boolean matches(NotifyConfig.Webhook hook, ReviewRequest request) {
        List<String> workflows = hook.workflows().orElse(List.of());
        List<String> groups = hook.groups().orElse(List.of());
        if (workflows.isEmpty() && groups.isEmpty()) {
            return true;
        }
        String workflow = TaskSummary.stateMachineName(request.stateMachineArn().orElse(null), request.executionArn());
        return (workflow != null && workflows.contains(workflow))
                || request.assignees().groups().stream().anyMatch(groups::contains);
    }

    static Notification.Channel channel(NotifyConfig.WebhookKind kind) {
        return kind == NotifyConfig.WebhookKind.TEAMS ? Notification.Channel.TEAMS : Notification.Channel.SLACK;
    }
}
