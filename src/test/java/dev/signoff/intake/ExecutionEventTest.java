package dev.signoff.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading the events queue's messages: the fixtures in src/test/resources/events/ are events as EventBridge sends them. */
class ExecutionEventTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @CsvSource({"aborted, ABORTED", "failed, FAILED", "timed-out, TIMED_OUT", "succeeded, SUCCEEDED"})
    void a_terminal_status_change_is_an_end_with_its_execution_and_stop_date(String fixture, String status)
            throws IOException {
        ExecutionEvent.Read read = ExecutionEvent.read(JSON, fixture(fixture).toString());

        assertThat(read).isInstanceOf(ExecutionEvent.Ended.class);
        ExecutionEvent event = ((ExecutionEvent.Ended) read).event();
        assertThat(event.status()).isEqualTo(status);
        assertThat(event.executionArn()).endsWith(":inv-4711-" + fixture);
        assertThat(event.stopDate()).isEqualTo(Instant.parse("2026-12-01T09:15:42Z"));
        assertThat(read.summary()).doesNotContain("INV-4711.pdf").doesNotContain("booked");
    }

    @Test
    void a_running_execution_is_irrelevant() throws IOException {
        assertThat(ExecutionEvent.read(JSON, fixture("running").toString()))
                .isInstanceOf(ExecutionEvent.Irrelevant.class);
    }

    @Test
    void an_event_from_another_service_is_irrelevant() throws IOException {
        ObjectNode event = fixture("aborted");
        event.put("source", "aws.ec2").put("detail-type", "EC2 Instance State-change Notification");

        assertThat(ExecutionEvent.read(JSON, event.toString())).isInstanceOf(ExecutionEvent.Irrelevant.class);
    }

    @Test
    void an_end_without_a_stop_date_or_an_unknown_status_is_unreadable() throws IOException {
        ObjectNode noStop = fixture("failed");
        ((ObjectNode) noStop.get("detail")).remove("stopDate");
        ObjectNode unknown = fixture("failed");
        ((ObjectNode) unknown.get("detail")).put("status", "PAUSED");

        assertThat(ExecutionEvent.read(JSON, noStop.toString())).isInstanceOf(ExecutionEvent.Unreadable.class);
        assertThat(ExecutionEvent.read(JSON, unknown.toString())).isInstanceOf(ExecutionEvent.Unreadable.class);
    }

    @Test
    void something_that_is_not_an_eventbridge_event_is_unreadable() {
        assertThat(ExecutionEvent.read(JSON, "not json")).isInstanceOf(ExecutionEvent.Unreadable.class);
        assertThat(ExecutionEvent.read(JSON, "[1,2]")).isInstanceOf(ExecutionEvent.Unreadable.class);
        assertThat(ExecutionEvent.read(JSON, "{\"signoff\":\"review-request/v1\",\"taskToken\":\"t\"}"))
                .isInstanceOf(ExecutionEvent.Unreadable.class);
    }

    private static ObjectNode fixture(String name) throws IOException {
        try (InputStream in = ExecutionEventTest.class.getResourceAsStream("/events/" + name + ".json")) {
            return (ObjectNode) JSON.readTree(in);
        }
    }
}
