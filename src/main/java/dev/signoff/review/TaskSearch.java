package dev.signoff.review;

import dev.signoff.contract.ReviewRequest;
import java.util.Locale;

/** What intake stores for the inbox's severity filter and search, derived from the request once. */
final class TaskSearch {

    /** Longest search text kept: findings can be long, and a search needs their words, not all of them. */
    static final int MAX_TEXT = 32_768;

    private TaskSearch() {}

    /** INFO=1 .. CRITICAL=5; 0 when the request has no findings. */
    static int highestSeverity(ReviewRequest request) {
        return request.findings().stream()
                .mapToInt(f -> rank(f.severity()))
                .max()
                .orElse(0);
    }

    static int rank(ReviewRequest.Severity severity) {
        return severity.ordinal() + 1;
    }

    /** Title, summary and findings (titles and details), lower-cased, one line each. */
    static String text(ReviewRequest request) {
        StringBuilder text = new StringBuilder(request.title());
        request.summary().ifPresent(s -> text.append('\n').append(s));
        for (ReviewRequest.Finding finding : request.findings()) {
            text.append('\n').append(finding.title());
            finding.detail().ifPresent(d -> text.append('\n').append(d));
        }
        String lower = text.toString().toLowerCase(Locale.ROOT);
        return lower.length() > MAX_TEXT ? lower.substring(0, MAX_TEXT) : lower;
    }
}
