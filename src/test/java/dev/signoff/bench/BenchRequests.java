package dev.signoff.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signoff.sandbox.stepfunctions.TaskContext;
import dev.signoff.testsupport.Workflows;

/** The benchmark's review request: the tests' invoice fixture grown to 5 findings and 5 artifacts (scenario 3). */
final class BenchRequests {

    private static final String[] SEVERITIES = {"info", "low", "medium", "high", "critical"};

    private BenchRequests() {}

    static String body(TaskContext context) {
        ObjectNode body = Workflows.request(context);
        ArrayNode artifacts = body.putArray("artifacts");
        ArrayNode findings = body.putArray("findings");
        for (int i = 0; i < 5; i++) {
            artifacts
                    .addObject()
                    .put("uri", "s3://signoff-bench-artifacts/invoices/inv-4711-page-" + i + ".pdf")
                    .put("label", "page-" + i)
                    .put("contentType", "application/pdf")
                    .put("sizeBytes", 1024 * (i + 1));
            findings.addObject()
                    .put("title", "Field " + i + " below confidence threshold")
                    .put("severity", SEVERITIES[i])
                    .put("detail", "Read `1,280.0" + i + " EUR` with confidence 0.6" + i + ".")
                    .putArray("artifactRefs")
                    .add("page-" + i);
        }
        return body.toString();
    }
}
