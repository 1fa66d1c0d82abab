package dev.signoff.web;

import io.quarkus.qute.RawString;
import java.util.Optional;
import java.util.UUID;

/**
 * One artifact's preview as the fragment shows it: the browser shows an image or PDF from {@link #src()}, Signoff
 * renders text kinds into {@link #html()}, and anything it cannot show is a {@link #notice()} in the same place.
 *
 * @param fileName the last segment of the key: agent-written, shown through {@code .shown}
 * @param note a line under the preview, e.g. "Showing 50 of 1,234 rows"
 * @param pdfDataUrl the PDF as a data: URL, for a frame with an opaque origin (docs/security.md, "PDF previews")
 */
public record ArtifactPreviewView(
        UUID taskId,
        int index,
        String fileName,
        Display display,
        Optional<String> notice,
        RawString html,
        Optional<String> note,
        String pdfDataUrl) {

    public enum Display {
        IMAGE,
        PDF,
        RENDERED,
        NOTICE
    }

    static ArtifactPreviewView notice(UUID taskId, int index, String fileName, String notice) {
        return new ArtifactPreviewView(
                taskId, index, fileName, Display.NOTICE, Optional.of(notice), new RawString(""), Optional.empty(), "");
    }

    public String src() {
        return "/tasks/" + taskId + "/artifacts/" + index;
    }

    public String downloadHref() {
        return src() + "?download=true";
    }

    public String pageHref() {
        return src() + "/preview";
    }

    public String id() {
        return "artifact-" + index + "-preview";
    }

    public boolean is(String display) {
        return this.display.name().equals(display);
    }
}
