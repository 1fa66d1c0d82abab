package dev.signoff.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieHandler;
import java.net.HttpCookie;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Just enough of a browser for sign-in flows on this machine: keeps cookies per host, follows redirects across hosts,
 * asks for HTML, and fills in Keycloak's login form.
 */
public final class CookieBrowser {

    private static final Pattern LOGIN_FORM = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*>");
    private static final Pattern ACTION = Pattern.compile("action=\"([^\"]+)\"");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final CookieJar cookies = new CookieJar();
    private final HttpClient following = client(HttpClient.Redirect.NORMAL);
    private final HttpClient staying = client(HttpClient.Redirect.NEVER);

    /** Every Set-Cookie header this browser was sent for cookies whose name starts with {@code prefix}, in order. */
    public List<String> setCookieHeaders(String prefix) {
        return cookies.received.stream()
                .filter(header -> header.startsWith(prefix))
                .toList();
    }

    public HttpResponse<String> get(URI uri) {
        return send(following, html(uri).GET().build());
    }

    public HttpResponse<String> postWithoutFollowing(URI uri) {
        return send(staying, html(uri).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    /** Posts a form (as a page of this origin would) and returns the answer itself, not where it redirects. */
    public HttpResponse<String> postForm(URI uri, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(
                staying,
                html(uri)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build());
    }

    /** What a raw request was answered: the status and where it redirects (null for no redirect). */
    public record RawAnswer(int status, String location) {}

    /**
     * Sends a GET with a request target exactly as given, which java.net.http will not do for some (a raw backslash,
     * the absolute form {@code http://host/path}), over a plain socket, and keeps the cookies the answer sets; follow
     * its redirect with {@link #get}.
     */
    public RawAnswer sendRaw(URI site, String requestTarget) {
        String head;
        try (Socket socket = new Socket(site.getHost(), site.getPort())) {
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            String request = "GET " + requestTarget + " HTTP/1.1\r\nHost: " + site.getRawAuthority()
                    + "\r\nAccept: text/html\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            head = answer.substring(0, Math.max(0, answer.indexOf("\r\n\r\n")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String[] lines = head.split("\r\n");
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(
                                lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(lines[i].substring(colon + 1).strip());
            }
        }
        cookies.put(site, headers);
        List<String> location = headers.getOrDefault("location", List.of());
        return new RawAnswer(Integer.parseInt(lines[0].split(" ")[1]), location.isEmpty() ? null : location.get(0));
    }

    /** Submits the Keycloak login form found in {@code loginPage} and follows the redirects that come back. */
    public HttpResponse<String> submitLoginForm(HttpResponse<String> loginPage, String username, String password) {
        Matcher form = LOGIN_FORM.matcher(loginPage.body());
        if (!form.find()) {
            throw new IllegalStateException("No Keycloak login form at " + loginPage.uri());
        }
        Matcher action = ACTION.matcher(form.group());
        if (!action.find()) {
            throw new IllegalStateException("The login form at " + loginPage.uri() + " has no action");
        }
        URI target = loginPage.uri().resolve(action.group(1).replace("&amp;", "&"));
        String body = Map.of("username", username, "password", password, "credentialId", "").entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(
                following,
                html(target)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build());
    }

    private HttpClient client(HttpClient.Redirect redirects) {
        return HttpClient.newBuilder()
                .cookieHandler(cookies)
                .followRedirects(redirects)
                .connectTimeout(TIMEOUT)
                .build();
    }

    private static HttpRequest.Builder html(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Accept", "text/html");
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Cookies by host and path. Unlike java.net.CookieManager it sends Secure cookies over plain http, as browsers do
     * for localhost and 127.0.0.1: Keycloak marks its login-session cookies Secure even when served over http.
     */
    private static final class CookieJar extends CookieHandler {

        private final Map<String, Map<String, HttpCookie>> byHost = new ConcurrentHashMap<>();
        private final List<String> received = new CopyOnWriteArrayList<>();

        @Override
        public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) {
            String path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
            String header = byHost.getOrDefault(uri.getHost(), Map.of()).values().stream()
                    .filter(c -> !c.hasExpired() && path.startsWith(c.getPath()))
                    .map(c -> c.getName() + "=" + c.getValue())
                    .collect(Collectors.joining("; "));
            return header.isEmpty() ? Map.of() : Map.of("Cookie", List.of(header));
        }

        @Override
        public void put(URI uri, Map<String, List<String>> responseHeaders) {
            Map<String, HttpCookie> jar = byHost.computeIfAbsent(uri.getHost(), h -> new ConcurrentHashMap<>());
            responseHeaders.entrySet().stream()
                    .filter(e -> "set-cookie".equalsIgnoreCase(e.getKey()))
                    .flatMap(e -> e.getValue().stream())
                    .peek(received::add)
                    .flatMap(value -> HttpCookie.parse(value).stream())
                    .forEach(cookie -> {
                        if (cookie.getPath() == null) {
                            cookie.setPath("/");
                        }
                        String key = cookie.getName() + " " + cookie.getPath();
                        if (cookie.hasExpired()) {
                            jar.remove(key);
                        } else {
                            jar.put(key, cookie);
                        }
                    });
        }
    }
}
