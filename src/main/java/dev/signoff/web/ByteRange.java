package dev.signoff.web;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A single {@code Range: bytes=...} request (RFC 9110 §14), resolved against the object's size. Several ranges, or a
 * header that is not a byte range at all, are answered with the whole object, as the RFC allows; a range that starts
 * past the end is unsatisfiable (416).
 */
record ByteRange(long first, long last) {

    /* bytes=first-last, bytes=first- and bytes=-suffixLength */
    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d{0,19})-(\\d{0,19})");

    static final ByteRange WHOLE = new ByteRange(-1, -1);
    static final ByteRange UNSATISFIABLE = new ByteRange(-2, -2);

    static ByteRange of(String header, long size) {
        if (header == null) {
            return WHOLE;
        }
        Matcher m = SINGLE.matcher(header.strip());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return WHOLE;
        }
        try {
            if (m.group(1).isEmpty()) {
                long suffix = Long.parseLong(m.group(2));
                if (suffix == 0 || size == 0) {
                    return UNSATISFIABLE;
                }
                return new ByteRange(Math.max(0, size - suffix), size - 1);
            }
            long first = Long.parseLong(m.group(1));
            long last = m.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1);
            if (first >= size) {
                return UNSATISFIABLE;
            }
            return first > last ? WHOLE : new ByteRange(first, last);
        } catch (NumberFormatException tooLong) {
            return WHOLE;
        }
    }

    boolean partial() {
        return first >= 0;
    }

    long length() {
        return last - first + 1;
    }

    String contentRange(long size) {
        return "bytes " + first + "-" + last + "/" + size;
    }
}
