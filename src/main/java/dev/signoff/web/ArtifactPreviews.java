package dev.signoff.web;

import dev.signoff.artifacts.ArtifactAccessDeniedException;
import dev.signoff.artifacts.ArtifactException;
import dev.signoff.artifacts.ArtifactHead;
import dev.signoff.artifacts.ArtifactKeyRefusedException;
import dev.signoff.artifacts.ArtifactNotFoundException;
import dev.signoff.artifacts.ArtifactPreview;
import dev.signoff.artifacts.ArtifactRef;
import dev.signoff.artifacts.ArtifactRefusal;
import dev.signoff.artifacts.ArtifactStore;
import dev.signoff.artifacts.ArtifactTooLargeException;
import dev.signoff.artifacts.ArtifactsConfig;
import io.quarkus.qute.RawString;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * Builds an artifact's preview. Each one costs a HEAD (so a missing or refused object is a message, never a broken
 * frame) and, for the kinds Signoff renders, one read of at most {@code signoff.artifacts.max-rendered-size} bytes.
 */
@ApplicationScoped
class ArtifactPreviews {

    private final ArtifactStore store;
    private final long maxInlineBytes;
    private final long maxRenderedBytes;
    private final int csvRows;

    ArtifactPreviews(ArtifactStore store, ArtifactsConfig config) {
        this.store = store;
        this.maxInlineBytes = config.maxPreviewSize().asLongValue();
        this.maxRenderedBytes = config.maxRenderedSize().asLongValue();
        this.csvRows = config.csvPreviewRows();
    }

    ArtifactPreviewView preview(UUID taskId, int index, ArtifactRef ref) {
        String name = ref.fileName();
        try {
            ArtifactHead head = store.head(ref);
            if (!head.exists()) {
                return ArtifactPreviewView.notice(
                        taskId,
                        index,
                        name,
                        "This artifact is missing: S3 has no object "
                                + "at its location. The workflow may have deleted or never written it.");
            }
            PreviewKind kind = PreviewKind.of(head.contentType(), name);
            if (kind == PreviewKind.DOWNLOAD) {
                return ArtifactPreviewView.notice(
                        taskId,
                        index,
                        name,
                        "No preview for this type (" + ServingHeaders.normalize(head.contentType())
                                + "): download it to open it.");
            }
            if (!kind.rendered()) {
                if (head.size() > maxInlineBytes) {
                    return tooLarge(taskId, index, name, head.size(), maxInlineBytes);
                }
                if (kind == PreviewKind.PDF) {
                    return pdf(taskId, index, name, store.readStart(head, maxInlineBytes));
                }
                return new ArtifactPreviewView(
                        taskId,
                        index,
                        name,
                        ArtifactPreviewView.Display.IMAGE,
                        Optional.empty(),
                        new RawString(""),
                        Optional.empty(),
                        "");
            }
            if (kind != PreviewKind.CSV && head.size() > maxRenderedBytes) {
                return tooLarge(taskId, index, name, head.size(), maxRenderedBytes);
            }
            return rendered(taskId, index, name, kind, store.readStart(head, maxRenderedBytes));
        } catch (ArtifactException failure) {
            return ArtifactPreviewView.notice(taskId, index, name, explain(failure));
        }
    }

    /*
     * Chrome shows no PDF in a frame with the sandbox attribute and ignores a CSP sandbox on a PDF response: framed
     * from the artifact endpoint, the viewer's document would have Signoff's origin. A data: URL frame has an opaque
     * origin and Chrome's viewer renders it, so the PDF is handed over inline (at most max-preview-size bytes).
     */
    private static ArtifactPreviewView pdf(UUID taskId, int index, String name, ArtifactPreview preview) {
        String data = "data:application/pdf;base64," + Base64.getEncoder().encodeToString(preview.bytes());
        return new ArtifactPreviewView(
                taskId,
                index,
                name,
                ArtifactPreviewView.Display.PDF,
                Optional.empty(),
                new RawString(""),
                Optional.empty(),
                data);
    }

    private ArtifactPreviewView rendered(
            UUID taskId, int index, String name, PreviewKind kind, ArtifactPreview preview) {
        String text = RenderedText.decode(preview.bytes(), preview.contentType());
        Optional<String> note = Optional.empty();
        String html;
        switch (kind) {
            case MARKDOWN -> html = "<div class=\"markdown\">" + Markdown.toHtml(text) + "</div>";
            case JSON -> {
                Optional<String> tree = JsonTree.render(text);
                html = tree.orElseGet(() -> RenderedText.pre(text));
                if (tree.isEmpty()) {
                    note = Optional.of("Not valid JSON: shown as text.");
                }
            }
            case CSV -> {
                CsvTable table = CsvTable.parse(text, preview.complete(), csvRows);
                html = RenderedText.table(table);
                note = Optional.of("Showing " + Sizes.count(table.shown()) + " of " + Sizes.count(table.totalRows())
                        + (table.complete() ? "" : "+") + (table.totalRows() == 1 ? " row" : " rows")
                        + (table.complete() ? "." : " (only the first " + Sizes.human(maxRenderedBytes) + " read)."));
            }
            default -> html = RenderedText.pre(text);
        }
        return new ArtifactPreviewView(
                taskId,
                index,
                name,
                ArtifactPreviewView.Display.RENDERED,
                Optional.empty(),
                new RawString(html),
                note,
                "");
    }

    private static ArtifactPreviewView tooLarge(UUID taskId, int index, String name, long size, long limit) {
        return ArtifactPreviewView.notice(
                taskId,
                index,
                name,
                "Too large to preview (" + Sizes.human(size) + "; previews stop at " + Sizes.human(limit)
                        + "): download it to open it.");
    }

    /** What the reviewer reads where the preview would be. Says what went wrong without S3's own words. */
    static String explain(ArtifactException failure) {
        if (failure instanceof ArtifactNotFoundException) {
            return "This artifact is missing: S3 has no object at its location.";
        }
        if (failure instanceof ArtifactAccessDeniedException denied) {
            return denied.bucketNotAllowed()
                    ? "Not shown: " + ArtifactRefusal.BUCKET_NOT_ALLOWED.reason() + "."
                    : "S3 denied Signoff access to this artifact (403): its role may not read this bucket, key or "
                            + "the object's KMS key.";
        }
        if (failure instanceof ArtifactKeyRefusedException) {
            return "Refused: " + ArtifactRefusal.PATH_TRAVERSAL.reason() + ".";
        }
        if (failure instanceof ArtifactTooLargeException large) {
            return "Too large to preview (" + Sizes.human(large.size()) + "): download it to open it.";
        }
        return "Artifact storage is unavailable right now, so this preview cannot load. Try again later.";
    }
}
