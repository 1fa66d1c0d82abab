package dev.signoff.sandbox;

import dev.signoff.artifacts.ArtifactRef;
import dev.signoff.artifacts.ArtifactStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The files behind the sandbox's three demo workflows, shipped under {@code sandbox/artifacts/} and uploaded to the
 * sandbox bucket at {@code demo/<workflow>/<file>}.
 */
public final class DemoArtifacts {

    public record DemoArtifact(String workflow, String fileName, String contentType) {

        /** The object key in the sandbox bucket. */
        public String key() {
            return "demo/" + workflow + "/" + fileName;
        }

        public ArtifactRef in(String bucket) {
            return new ArtifactRef(bucket, key());
        }

        String resource() {
            return "sandbox/artifacts/" + workflow + "/" + fileName;
        }
    }

    public static final DemoArtifact INVOICE_PDF =
            new DemoArtifact("document-processing", "invoice-INV-2026-0147.pdf", "application/pdf");
    public static final DemoArtifact INVOICE_EXTRACTION =
            new DemoArtifact("document-processing", "invoice-INV-2026-0147.extracted.json", "application/json");
    public static final DemoArtifact EXPENSE_POLICY =
            new DemoArtifact("compliance-review", "travel-and-expense-policy.md", "text/markdown; charset=utf-8");
    public static final DemoArtifact TRANSACTIONS =
            new DemoArtifact("compliance-review", "transactions-2026-10.csv", "text/csv; charset=utf-8");
    public static final DemoArtifact MARKET_CHART =
            new DemoArtifact("research", "market-sizing-chart.png", "image/png");
    public static final DemoArtifact MARKET_REPORT =
            new DemoArtifact("research", "market-sizing-report.md", "text/markdown; charset=utf-8");

    public static final List<DemoArtifact> ALL =
            List.of(INVOICE_PDF, INVOICE_EXTRACTION, EXPENSE_POLICY, TRANSACTIONS, MARKET_CHART, MARKET_REPORT);

    private DemoArtifacts() {}

    public static byte[] read(DemoArtifact artifact) {
        try (InputStream in = DemoArtifacts.class.getClassLoader().getResourceAsStream(artifact.resource())) {
            if (in == null) {
                throw new IllegalStateException("demo artifact missing from the classpath: " + artifact.resource());
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Uploads every demo artifact to {@code bucket}, overwriting earlier copies. */
    public static void seed(ArtifactStore store, String bucket) {
        for (DemoArtifact artifact : ALL) {
            store.put(artifact.in(bucket), artifact.contentType(), read(artifact));
        }
    }
}
