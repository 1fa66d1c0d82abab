package dev.signoff.artifacts;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Spots keys that try to climb out of their prefix. S3 itself has no directories, but S3-compatible stores backed by
 * a file system (S3Proxy, MinIO in some modes) and every tool that mirrors a bucket to disk resolve {@code ..}, so a
 * workflow could name an object outside the prefixes the IAM policy meant. The contract keeps keys raw (not
 * URL-encoded), so an encoded dot, slash or backslash is never legitimate either.
 */
final class ArtifactKeys {

    // %2e . %2f / %5c \ , double encoding (%25), IIS-style %u002e and overlong UTF-8 (%c0%ae, %c0%af, %c1%9c).
    private static final Pattern ENCODED = Pattern.compile("%(2e|2f|5c|25|u00|c0|c1|e0%80)", Pattern.CASE_INSENSITIVE);
    private static final Pattern SEGMENT_SEPARATORS = Pattern.compile("[/\\\\]");

    private ArtifactKeys() {}

    static boolean traverses(String key) {
        if (key.indexOf('\\') >= 0 || ENCODED.matcher(key).find()) {
            return true;
        }
        for (String segment : SEGMENT_SEPARATORS.split(key, -1)) {
            String bare = segment.strip().toLowerCase(Locale.ROOT);
            // Full-width and one-dot leaders look like dots to a person and to some normalising file systems.
            String dots = bare.replace('\uFF0E', '.').replace('\u2024', '.');
            if (dots.equals("..") || dots.equals(".")) {
                return true;
            }
        }
        return false;
    }
}
