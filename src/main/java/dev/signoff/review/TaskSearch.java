package dev.signoff.review;

import dev.signoff.contract.ReviewRequest;
import java.util.Locale;
import java.util.regex.Pattern;

/** What intake stores for the inbox's severity filter and search, derived from the request once. */
final class TaskSearch {

    /** Longest search text kept: findings can be long, and a search needs their words, not all of them. */
    static final int MAX_TEXT = 32_768;

    private static final Pattern WORD_SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");

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

    /**
     * Title, summary and findings (titles and details) as lower-case words (letters and digits) separated by single
     * spaces: the same split the inbox applies to a search (InboxSql.words). PostgreSQL's own parser would read
     * {@code 4836-88fa} as the number {@code 4836}, the signed {@code -88} and the word {@code fa}, so a search for
     * {@code 88fa} would find nothing.
     */
    static String text(ReviewRequest request) {
        StringBuilder text = new StringBuilder(request.title());
        request.summary().ifPresent(s -> text.append('\n').append(s));
        for (ReviewRequest.Finding finding : request.findings()) {
            text.append('\n').append(finding.title());
            finding.detail().ifPresent(d -> text.append('\n').append(d));
        }
        String words = WORD_SEPARATORS
                .matcher(text.toString().toLowerCase(Locale.ROOT))
                .replaceAll(" ")
                .strip();
        return words.length() > MAX_TEXT ? words.substring(0, MAX_TEXT) : words;
    }
}
