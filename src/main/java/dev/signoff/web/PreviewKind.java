package dev.signoff.web;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How an artifact is previewed on the task page, from its media type or, when the store says only
 * application/octet-stream (or nothing), its file name. HTML, SVG, XML and scripts are never among the rendered kinds:
 * they only download.
 */
public enum PreviewKind {
    IMAGE,
    PDF,
    TEXT,
    MARKDOWN,
    JSON,
    CSV,
    DOWNLOAD;

    private static final Set<String> IMAGES = Set.of("image/png", "image/jpeg", "image/gif", "image/webp");
    private static final Map<String, PreviewKind> BY_TYPE = Map.of(
            "application/pdf", PDF,
            "text/plain", TEXT,
            "text/markdown", MARKDOWN,
            "text/x-markdown", MARKDOWN,
            "application/json", JSON,
            "text/csv", CSV);
    /*
     * Only kinds Signoff renders itself: an image or PDF is shown by the browser from the artifact endpoint, which
     * serves it inline only under its stored type (ServingHeaders), so guessing one from the name would show a
     * broken frame.
     */
    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("txt", "text/plain"),
            Map.entry("log", "text/plain"),
            Map.entry("md", "text/markdown"),
            Map.entry("markdown", "text/markdown"),
            Map.entry("json", "application/json"),
            Map.entry("csv", "text/csv"));

    /** @param contentType as stored or declared, maybe with parameters; null or blank when unknown */
    public static PreviewKind of(String contentType, String fileName) {
        String base = baseType(contentType);
        if (base.isEmpty() || base.equals("application/octet-stream") || base.equals("binary/octet-stream")) {
            base = typeOfFileName(fileName);
        }
        if (IMAGES.contains(base)) {
            return IMAGE;
        }
        if (base.endsWith("+json") && !base.startsWith("image/")) {
            return JSON;
        }
        return BY_TYPE.getOrDefault(base, DOWNLOAD);
    }

    /** The media type a file name suggests, or "" when it suggests none Signoff renders. */
    static String typeOfFileName(String fileName) {
        int dot = fileName == null ? -1 : fileName.lastIndexOf('.');
        if (dot < 0) {
            return "";
        }
        return BY_EXTENSION.getOrDefault(fileName.substring(dot + 1).toLowerCase(Locale.ROOT), "");
    }

    private static String baseType(String contentType) {
        if (contentType == null) {
            return "";
        }
        return contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    }

    /** Kinds Signoff reads and renders itself, so they are bounded by signoff.artifacts.max-rendered-size. */
    boolean rendered() {
        return this == TEXT || this == MARKDOWN || this == JSON || this == CSV;
    }
}
