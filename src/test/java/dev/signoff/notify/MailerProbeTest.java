package dev.signoff.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signoff.testsupport.ElasticMqTestResource;
import dev.signoff.testsupport.S3ProxyTestResource;
import dev.signoff.testsupport.SmtpTestResource;
import dev.signoff.testsupport.StepFunctionsTestResource;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(ElasticMqTestResource.class)
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(StepFunctionsTestResource.class)
@WithTestResource(SmtpTestResource.class)
class MailerProbeTest {
    @Inject
    Mailer mailer;

    @Test
    void sends() throws Exception {
        mailer.send(Mail.withText("probe@example.com", "hello", "body").setFrom("signoff@example.com"));
        assertThat(SmtpTestResource.smtp().receivedBy("probe@example.com")).hasSize(1);
    }
}
