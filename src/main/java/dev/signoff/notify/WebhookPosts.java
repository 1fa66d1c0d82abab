package dev.signoff.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signoff.contract.ReviewRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;

/**
 * What a chat post says of a new task: its title, when it is due, its highest severity and its link. Slack gets
 * {@code text} plus Block Kit {@code blocks}; Teams an Adaptive Card in a message, as its incoming webhooks (Workflows)
 * take. No decision buttons and no token: deciding happens on the task page, signed in. Agent-written text is escaped
 * so that it cannot make a link or a mention.
 */
@ApplicationScoped
class WebhookPosts {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final NotifyConfig config;

    WebhookPosts(NotifyConfig config) {
        this.config = config;
    }

    Messages.Outgoing compose(NotificationStore.Claimed notice, TaskBrief brief, ReviewRequest request) {
        NotifyConfig.Webhook hook = config.webhooks().get(notice.recipient());
        if (hook == null) {
            return new Messages.Skip("webhook " + notice.recipient() + " is no longer configured");
        }
        if (!brief.waiting()) {
            return new Messages.Skip("already " + brief.status().name().toLowerCase(java.util.Locale.ROOT));
        }
        String due = brief.dueAt() == null ? "no due date" : MailComposer.when(brief.dueAt());
        String severity = highestSeverity(request);
        String summary = MailComposer.subjectLine("Review needed: " + brief.title());
        String json = notice.channel() == Notification.Channel.TEAMS
                ? teams(brief, due, severity)
                : slack(brief, due, severity);
        return new Messages.Post(hook.url(), json, summary);
    }

    static String highestSeverity(ReviewRequest request) {
        return request.findings().stream()
                .map(ReviewRequest.Finding::severity)
                .max(Comparator.naturalOrder())
                .map(ReviewRequest.Severity::wireName)
                .orElse("none");
    }

    static String slack(TaskBrief brief, String due, String severity) {
        String title = slackEscape(MailComposer.subjectLine(brief.title()));
        ObjectNode body = JSON.createObjectNode();
        body.put("text", "Review needed: " + title + " (due " + due + ", highest severity " + severity + ")");
        ArrayNode blocks = body.putArray("blocks");
        ObjectNode section = blocks.addObject().put("type", "section");
        section.putObject("text")
                .put("type", "mrkdwn")
                .put(
                        "text",
                        "*Review needed:* " + title + "\n*Due:* " + due + "\n*Highest severity:* " + severity + "\n<"
                                + brief.link() + "|Open the review in Signoff>");
        ObjectNode context = blocks.addObject().put("type", "context");
        context.putArray("elements")
                .addObject()
                .put("type", "mrkdwn")
                .put(
                        "text",
                        "Workflow " + slackEscape(String.valueOf(brief.workflow()))
                                + " · decide on the task page, signed in");
        return body.toString();
    }

    static String teams(TaskBrief brief, String due, String severity) {
        String title = teamsEscape(MailComposer.subjectLine(brief.title()));
        ObjectNode card = JSON.createObjectNode()
                .put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json")
                .put("type", "AdaptiveCard")
                .put("version", "1.4");
        ArrayNode body = card.putArray("body");
        body.addObject()
                .put("type", "TextBlock")
                .put("text", "Review needed: " + title)
                .put("weight", "Bolder")
                .put("size", "Medium")
                .put("wrap", true);
        ArrayNode facts = body.addObject().put("type", "FactSet").putArray("facts");
        facts.addObject().put("title", "Due").put("value", due);
        facts.addObject().put("title", "Highest severity").put("value", severity);
        facts.addObject().put("title", "Workflow").put("value", teamsEscape(String.valueOf(brief.workflow())));
        body.addObject()
                .put("type", "TextBlock")
                .put("text", "[Open the review in Signoff](" + brief.link() + ")")
                .put("wrap", true);
        ObjectNode message = JSON.createObjectNode().put("type", "message");
        message.putArray("attachments")
                .addObject()
                .put("contentType", "application/vnd.microsoft.card.adaptive")
                .putNull("contentUrl")
                .set("content", card);
        return message.toString();
    }

    /** Slack's mrkdwn: &, < and > escaped, so no link, mention or channel ping can be written. */
    static String slackEscape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Teams' markdown subset: no brackets, so no link can be written. */
    static String teamsEscape(String text) {
        return text.replace('[', '(').replace(']', ')');
    }
}
