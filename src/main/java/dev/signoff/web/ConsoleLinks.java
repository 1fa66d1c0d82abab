package dev.signoff.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/** Links to the AWS console page of an execution, in the partition and region its ARN names. */
final class ConsoleLinks {

    // arn:PARTITION:states:REGION:ACCOUNT:execution:STATE_MACHINE:NAME (Express and Map runs have more parts).
    private static final Pattern EXECUTION_ARN =
            Pattern.compile("arn:(aws|aws-cn|aws-us-gov):states:([a-z0-9-]+):\\d{12}:(express|execution):.+");

    private ConsoleLinks() {}

    static Optional<String> execution(String executionArn) {
        if (executionArn == null || !EXECUTION_ARN.matcher(executionArn).matches()) {
            return Optional.empty();
        }
        String[] parts = executionArn.split(":");
        String region = parts[3];
        String host = switch (parts[1]) {
            case "aws-cn" -> "console.amazonaws.cn";
            case "aws-us-gov" -> "console.amazonaws-us-gov.com";
            default -> region + ".console.aws.amazon.com";
        };
        return Optional.of("https://" + host + "/states/home?region=" + region + "#/v2/executions/details/"
                + URLEncoder.encode(executionArn, StandardCharsets.UTF_8));
    }
}
