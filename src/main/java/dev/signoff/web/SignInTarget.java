package dev.signoff.web;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where a browser goes once it has signed in: the page it asked for, as a path on this site, or else the inbox.
 * Quarkus remembers the page (form login in a cookie, OIDC in its state cookie) and redirects to it with this site's
 * scheme and host in front; what it remembers comes from the request line, which a link can choose. Browsers read
 * {@code //evil.example}, {@code /\evil.example} and {@code /<tab>/evil.example} as another host, so only a path
 * that is plainly one path on this site is honoured, decoded as often as a proxy or a browser might decode it.
 */
final class SignInTarget {

    static final String INBOX = "/inbox";

    /** Double- and triple-encoded slashes count; a path still encoded after this many rounds is refused. */
    private static final int DECODING_ROUNDS = 4;

    private SignInTarget() {}

    /** {@code location} as {@code path?query} if it is on {@code self}'s origin and a plain path, else the inbox. */
    static String of(String location, URI self) {
        if (location == null || location.startsWith("//")) {
            // java.net.URI reads "///host" as an empty authority and a path of "/host"; browsers read a host.
            return INBOX;
        }
        URI target;
        try {
            target = new URI(location);
        } catch (URISyntaxException malformed) {
            return INBOX;
        }
        if (target.isOpaque() || !sameOrigin(target, self)) {
            return INBOX;
        }
        String path = target.getRawPath();
        String query = target.getRawQuery();
        if (!plainPath(path) || (query != null && hasControl(query)) || target.getRawFragment() != null) {
            return INBOX;
        }
        return query == null ? path : path + "?" + query;
    }

    /** Whether {@code location} names this origin (a relative location does). */
    static boolean onThisSite(String location, URI self) {
        try {
            return sameOrigin(new URI(location), self);
        } catch (URISyntaxException | NullPointerException malformed) {
            return false;
        }
    }

    private static boolean sameOrigin(URI target, URI self) {
        if (target.getScheme() == null && target.getRawAuthority() == null) {
            return true;
        }
        return target.getScheme() != null
                && target.getScheme().equalsIgnoreCase(self.getScheme())
                && target.getRawAuthority() != null
                && target.getRawAuthority().equalsIgnoreCase(self.getRawAuthority());
    }

    private static boolean plainPath(String raw) {
        String path = raw;
        for (int round = 0; round < DECODING_ROUNDS; round++) {
            if (path == null
                    || !path.startsWith("/")
                    || path.contains("//")
                    || path.contains("\\")
                    || hasControl(path)) {
                return false;
            }
            String decoded = percentDecoded(path);
            if (decoded.equals(path)) {
                return true;
            }
            path = decoded;
        }
        return false;
    }

    private static boolean hasControl(String text) {
        return text.chars().anyMatch(c -> c < 0x20 || c == 0x7f || Character.isWhitespace(c));
    }

    /** One round of %XX decoding, byte by byte (a malformed escape stays as it is, and fails the next check). */
    private static String percentDecoded(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int hi = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
            int lo = hi >= 0 ? Character.digit(text.charAt(i + 2), 16) : -1;
            if (c == '%' && lo >= 0) {
                out.append((char) (hi * 16 + lo));
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
