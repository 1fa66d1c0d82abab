package dev.signoff.web;

import dev.signoff.testsupport.S3ProxyTestResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** Reason codes for the test workflow and a bucket for outputs too large for Step Functions. */
public class DecisionPanelTestProfile implements QuarkusTestProfile {

    public static final String REASON_CODES = "verified,amount-wrong,supplier-unknown";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "signoff.decisions.workflows.\"invoice-processing\".reason-codes",
                REASON_CODES,
                "signoff.decisions.large-output-bucket",
                S3ProxyTestResource.BUCKET);
    }
}
