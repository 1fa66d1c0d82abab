package dev.signoff.notify;

import static dev.signoff.testsupport.ReviewTasks.awaitTask;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signoff.sandbox.stepfunctions.StartedExecution;
import dev.signoff.testsupport.Mails;
import dev.signoff.testsupport.SmtpTestResource;
import dev.signoff.testsupport.StepFunctionsTestResource;
import dev.signoff.testsupport.Workflows;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Tasks for named people and groups, people's modes, and the mails about a task, for the notify tests. */
final class NotifyFixtures {

    private NotifyFixtures() {}

    /** A task as the tests know it: its id and the token no mail may show. */
    record Opened(UUID id, String token) {}

    /** A waiting task assigned to these users (and groups), due at {@code dueAt} (null: no due time). */
    static UUID task(
            SqsClient sqs, String queueUrl, String title, List<String> users, List<String> groups, Instant dueAt) {
        return open(sqs, queueUrl, title, users, groups, dueAt).id();
    }

    static Opened open(
            SqsClient sqs, String queueUrl, String title, List<String> users, List<String> groups, Instant dueAt) {
        StartedExecution execution = Workflows.start(sqs, queueUrl, 7 * 24 * 3600, body -> {
            body.put("title", title);
            ObjectNode assignees = body.putObject("assignees");
            ArrayNode u = assignees.putArray("users");
            users.forEach(u::add);
            ArrayNode g = assignees.putArray("groups");
            groups.forEach(g::add);
            if (dueAt != null) {
                body.put("dueAt", dueAt.toString());
            }
        });
        return new Opened(awaitTask(execution), execution.taskToken());
    }

    static UUID taskFor(SqsClient sqs, String queueUrl, String user) {
        return task(sqs, queueUrl, "For " + user + " " + UUID.randomUUID(), List.of(user), List.of(), null);
    }

    static void mode(String user, NotifyMode mode) {
        QuarkusTransaction.requiringNew().run(() -> {
            NotificationPreference.delete("userId", user);
            NotificationPreference p = new NotificationPreference();
            p.userId = user;
            p.mode = mode;
            p.updatedAt = StepFunctionsTestResource.clock().instant();
            p.persist();
        });
    }

    /** Everyone back to the default mode, no delegation in force: other test classes share the app. */
    static void reset() {
        QuarkusTransaction.requiringNew().run(() -> {
            NotificationPreference.deleteAll();
            Delegation.update(
                    "revokedAt = ?1 where revokedAt is null",
                    StepFunctionsTestResource.clock().instant());
        });
    }

    /** The mails to {@code address} that link to this task. */
    static List<MimeMessage> mailsAbout(String address, UUID taskId) {
        return SmtpTestResource.smtp().receivedBy(address).stream()
                .filter(m -> Mails.text(m).contains("/tasks/" + taskId))
                .toList();
    }

    static List<MimeMessage> subjectStarting(String address, String prefix) {
        return SmtpTestResource.smtp().receivedBy(address).stream()
                .filter(m -> {
                    try {
                        return m.getSubject().startsWith(prefix);
                    } catch (jakarta.mail.MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }
}
