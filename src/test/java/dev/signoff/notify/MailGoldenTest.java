package dev.signoff.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signoff.review.TaskStatus;
import dev.signoff.testsupport.ElasticMqTestResource;
import dev.signoff.testsupport.S3ProxyTestResource;
import dev.signoff.testsupport.SmtpTestResource;
import dev.signoff.testsupport.StepFunctionsTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The rendered bodies of a new-task mail, compared with the reviewed copies in src/test/resources/golden/mail/. After
 * changing a template on purpose: run with {@code -Dgolden.update=true}, look at the new files, commit them. Each run
 * also leaves the HTML under target/mail/ to open in a browser.
 */
@QuarkusTest
@WithTestResource(ElasticMqTestResource.class)
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(StepFunctionsTestResource.class)
@WithTestResource(SmtpTestResource.class)
class MailGoldenTest {

    private static final Instant NOW = Instant.parse("2026-12-02T09:00:00Z");
    private static final Path GOLDEN = Path.of("src/test/resources/golden/mail");

    private final MailComposer composer = new MailComposer(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void new_task_mail_matches_its_golden_html_and_text() throws IOException {
        Email mail = composer.newTask(brief());

        assertThat(mail.subject())
                .isEqualTo(
                        "Review needed: Invoice INV-4711: confirm low-confidence fields (due Wed 2 Dec 2026, 17:00 UTC)");
        matchesGolden("new-task.html", mail.html());
        matchesGolden("new-task.txt", mail.text());
    }

    @Test
    void agent_written_text_is_escaped_and_cannot_break_the_subject_line() {
        TaskBrief hostile = new TaskBrief(
                UUID.fromString("00000000-0000-4000-8000-000000000002"),
                "Pay <script>alert(1)</script>\r\nBcc: victim@example.com \u202Egnp.exe",
                "<img src=https://tracker.example/pixel.gif>",
                "invoice-processing",
                "HumanReview",
                "agent",
                TaskStatus.PENDING,
                NOW,
                null,
                null,
                null,
                List.of(new TaskBrief.Finding("high", "<a href=https://evil.example>click</a>")),
                1,
                "https://signoff.example.com/tasks/00000000-0000-4000-8000-000000000002");

        Email mail = composer.newTask(hostile);

        assertThat(mail.subject()).doesNotContain("\r", "\n", "\u202E").startsWith("Review needed: Pay <script>");
        assertThat(mail.html())
                .doesNotContain("<script>", "<img", "<a href=https://evil", "\u202E")
                .contains("&lt;script&gt;", "[U+202E]");
        assertThat(mail.html().split("href=\"")).as("one real link").hasSize(2);
    }

    private static TaskBrief brief() {
        return new TaskBrief(
                UUID.fromString("00000000-0000-4000-8000-000000000001"),
                "Invoice INV-4711: confirm low-confidence fields",
                "The extraction agent read 12 fields; 2 are below the 0.8 confidence threshold.",
                "invoice-processing",
                "HumanReview",
                "invoice-extraction-agent",
                TaskStatus.PENDING,
                NOW.minusSeconds(600),
                Instant.parse("2026-12-02T17:00:00Z"),
                Instant.parse("2026-12-04T09:00:00Z"),
                null,
                List.of(
                        new TaskBrief.Finding("critical", "Bank account changed since the last invoice"),
                        new TaskBrief.Finding("high", "Supplier VAT id not found in registry"),
                        new TaskBrief.Finding("medium", "Total amount below confidence threshold")),
                5,
                "https://signoff.example.com/tasks/00000000-0000-4000-8000-000000000001");
    }

    private static void matchesGolden(String name, String actual) throws IOException {
        Path out = Path.of("target/mail", name);
        Files.createDirectories(out.getParent());
        Files.writeString(out, actual, StandardCharsets.UTF_8);
        Path golden = GOLDEN.resolve(name);
        if (Boolean.getBoolean("golden.update") || !Files.exists(golden)) {
            Files.createDirectories(GOLDEN);
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).as("%s (rendered copy: %s)", golden, out).isEqualTo(Files.readString(golden));
    }
}
