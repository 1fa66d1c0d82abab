package dev.signoff.artifacts;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;
import java.util.Set;

/**
 * In-memory tasks, two basic-auth users, a 64 KiB preview limit, an 8 KiB rendering limit and 3 CSV rows, so the
 * size rules are testable.
 */
public class ArtifactTestProfile implements QuarkusTestProfile {

    public static final String REVIEWER = "rita";
    public static final String REVIEWER_PASSWORD = "rita-password";
    public static final String OTHER_REVIEWER = "oscar";
    public static final String OTHER_PASSWORD = "oscar-password";
    public static final int MAX_PREVIEW_BYTES = 64 * 1024;
    public static final int MAX_RENDERED_BYTES = 8 * 1024;
    public static final int CSV_ROWS = 3;

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(InMemoryTaskArtifacts.class);
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.http.auth.basic",
                "true",
                "quarkus.security.users.embedded.enabled",
                "true",
                "quarkus.security.users.embedded.plain-text",
                "true",
                "quarkus.security.users.embedded.users." + REVIEWER,
                REVIEWER_PASSWORD,
                "quarkus.security.users.embedded.users." + OTHER_REVIEWER,
                OTHER_PASSWORD,
                "signoff.artifacts.max-preview-size",
                String.valueOf(MAX_PREVIEW_BYTES),
                "signoff.artifacts.max-rendered-size",
                String.valueOf(MAX_RENDERED_BYTES),
                "signoff.artifacts.csv-preview-rows",
                String.valueOf(CSV_ROWS));
    }
}
