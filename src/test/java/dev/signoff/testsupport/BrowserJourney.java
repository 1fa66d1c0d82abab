package dev.signoff.testsupport;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signoff.sandbox.stepfunctions.StartedExecution;
import io.quarkus.test.common.http.TestHTTPResource;
import jakarta.inject.Inject;
import java.net.URL;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Base of the browser journey tests: one Chromium per test class, a clean session per test, and every started
 * execution's task token forbidden from anything the browser sees.
 */
public abstract class BrowserJourney {

    protected static Browser browser;

    @TestHTTPResource("/")
    URL root;

    @Inject
    SqsClient sqs;

    @ConfigProperty(name = "signoff.intake.queue-url")
    String queueUrl;

    @BeforeEach
    void cleanSession() {
        if (browser == null) {
            browser = Browser.open(root);
        }
        browser.forgetEverything();
    }

    @AfterEach
    void lastLookForSecrets() {
        browser.checkSecrets();
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    /** Starts a waiting execution from the invoice fixture; its token may never reach the browser. */
    protected StartedExecution startExecution(Consumer<ObjectNode> customize) {
        StartedExecution execution = Workflows.start(sqs, queueUrl, 3600, customize);
        browser.forbid(execution.taskToken());
        return execution;
    }
}
