package dev.signoff.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConsoleLinksTest {

    @Test
    void an_execution_links_to_the_console_of_its_own_region() {
        assertThat(ConsoleLinks.execution("arn:aws:states:eu-west-1:123456789012:execution:invoices:run-1"))
                .contains(
                        "https://eu-west-1.console.aws.amazon.com/states/home?region=eu-west-1"
                                + "#/v2/executions/details/arn%3Aaws%3Astates%3Aeu-west-1%3A123456789012%3Aexecution%3Ainvoices%3Arun-1");
    }

    @Test
    void other_partitions_use_their_own_console() {
        assertThat(ConsoleLinks.execution("arn:aws-us-gov:states:us-gov-west-1:123456789012:execution:a:b"))
                .hasValueSatisfying(url -> assertThat(url).startsWith("https://console.amazonaws-us-gov.com/"));
        assertThat(ConsoleLinks.execution("arn:aws-cn:states:cn-north-1:123456789012:execution:a:b"))
                .hasValueSatisfying(url -> assertThat(url).startsWith("https://console.amazonaws.cn/"));
    }

    @Test
    void something_that_is_not_an_execution_arn_gets_no_link() {
        assertThat(ConsoleLinks.execution("javascript:alert(1)")).isEmpty();
        assertThat(ConsoleLinks.execution("arn:aws:states:us-east-1:123:execution:a:b"))
                .isEmpty();
    }
}
