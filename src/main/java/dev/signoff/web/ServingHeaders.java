package dev.signoff.web;

import dev.signoff.artifacts.ArtifactRef;
import dev.signoff.artifacts.ArtifactStore;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The headers an artifact is served with. Artifacts are written by agents and workflows, so they are hostile until
 * proven otherwise: only a few passive types may render in the browser, everything else downloads, and nothing may
 * run script in Signoff's origin.
 */
record ServingHeaders(String contentType, String contentDisposition, String contentSecurityPolicy) {

    /* Types a browser displays without running anything from the file. Never HTML, SVG, XML or JavaScript. */
    private static final Set<String> INLINE_TYPES = Set.of(
            "application/pdf",
            "image/png",
            "image/jpeg",
            "image/gif",
            "image/webp",
            "text/plain",
            "text/csv",
            "application/json");

    private static final Pattern TOKEN = Pattern.compile("[a-z0-9!#$&^_.+-]{1,64}/[a-z0-9!#$&^_.+-]{1,64}");
    private static final Pattern CHARSET = Pattern.compile("[A-Za-z0-9._-]{1,40}");

    /*
     * Sandboxed documents get an opaque origin: no script, no forms, no plugins, no navigating the page around them,
     * and nothing they do counts as Signoff. default-src 'none' keeps them from fetching anything either. Chrome
     * ignores the sandbox for a PDF (its viewer document keeps the URL's origin, measured in Chromium 156), which is
     * why the task page frames PDFs from a data: URL instead of this endpoint (ArtifactPreviews).
     */
    static final String SANDBOX = "sandbox; default-src 'none'; frame-ancestors 'none'";

    static ServingHeaders of(
            ArtifactRef ref, String storedContentType, long size, long maxInlineBytes, boolean download) {
        String type = normalize(storedContentType);
        String baseType = type.split(";", 2)[0];
        boolean inline = !download && size <= maxInlineBytes && INLINE_TYPES.contains(baseType);
        String disposition = (inline ? "inline" : "attachment") + fileNameParameters(ref.fileName());
        return new ServingHeaders(type, disposition, SANDBOX);
    }

    /** A syntactically clean media type, keeping only a charset for text; anything odd becomes octet-stream. */
    static String normalize(String contentType) {
        if (contentType == null) {
            return ArtifactStore.OCTET_STREAM;
        }
        String[] parts = contentType.split(";");
        String base = parts[0].trim().toLowerCase(Locale.ROOT);
        if (!TOKEN.matcher(base).matches()) {
            return ArtifactStore.OCTET_STREAM;
        }
        if (base.startsWith("text/")) {
            for (int i = 1; i < parts.length; i++) {
                String[] parameter = parts[i].trim().split("=", 2);
                if (parameter.length == 2
                        && parameter[0].trim().equalsIgnoreCase("charset")
                        && CHARSET.matcher(parameter[1].trim()).matches()) {
                    return base + "; charset=" + parameter[1].trim().toLowerCase(Locale.ROOT);
                }
            }
        }
        return base;
    }

    /* RFC 6266: an ASCII fallback for old clients plus the exact UTF-8 name in filename*. */
    private static String fileNameParameters(String fileName) {
        String ascii = fileName.replaceAll("[^A-Za-z0-9._-]", "_");
        String encoded = URLEncoder.encode(fileName, StandardCharsets.UTF_8)
                .replace("+", "%20")
                .replace("*", "%2A");
        return "; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
