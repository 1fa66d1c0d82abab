package dev.signoff.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class SignInTargetTest {

    private static final URI SELF = URI.create("https://signoff.example.com");

    @Test
    void a_page_of_this_site_is_kept_as_its_path_and_query() {
        assertThat(SignInTarget.of("https://signoff.example.com/tasks/7c9e6679-7425-40de-944b-e07fc1f90ae7", SELF))
                .isEqualTo("/tasks/7c9e6679-7425-40de-944b-e07fc1f90ae7");
        assertThat(SignInTarget.of("https://SIGNOFF.example.com/inbox?view=mine&q=inv%20ice", SELF))
                .isEqualTo("/inbox?view=mine&q=inv%20ice");
        assertThat(SignInTarget.of("/tasks/1/artifacts/0?download=true", SELF))
                .isEqualTo("/tasks/1/artifacts/0?download=true");
        assertThat(SignInTarget.of("/inbox?q=https://example.com//x", SELF))
                .as("a query cannot change the host")
                .isEqualTo("/inbox?q=https://example.com//x");
    }

    @Test
    void another_origin_lands_on_the_inbox() {
        assertThat(SignInTarget.of("https://evil.example/tasks/1", SELF)).isEqualTo("/inbox");
        assertThat(SignInTarget.of("http://signoff.example.com/tasks/1", SELF)).isEqualTo("/inbox");
        assertThat(SignInTarget.of("https://signoff.example.com:8443/tasks/1", SELF))
                .isEqualTo("/inbox");
        assertThat(SignInTarget.of("https://signoff.example.com.evil.example/", SELF))
                .isEqualTo("/inbox");
        assertThat(SignInTarget.of("https://signoff.example.com@evil.example/", SELF))
                .isEqualTo("/inbox");
        assertThat(SignInTarget.of("javascript:alert(1)", SELF)).isEqualTo("/inbox");
        assertThat(SignInTarget.of("//evil.example", SELF)).isEqualTo("/inbox");
    }

    @Test
    void a_path_a_browser_would_read_as_another_host_lands_on_the_inbox() {
        for (String path : new String[] {
            "//evil.example",
            "///evil.example",
            "/\\evil.example",
            "/\\/evil.example",
            "/\t/evil.example",
            "/https://evil.example",
            "/%2F%2Fevil.example",
            "/%2f/evil.example",
            "/%5Cevil.example",
            "/%5c%5cevil.example",
            "/%252F%252Fevil.example",
            "/%25252F%25252Fevil.example",
            "/%09/evil.example",
            "/%0d%0aSet-Cookie:x=1",
            "/%00",
            "evil.example",
            "tasks/1"
        }) {
            assertThat(SignInTarget.of("https://signoff.example.com" + path, SELF))
                    .as(path)
                    .isEqualTo("/inbox");
            assertThat(SignInTarget.of(path, SELF)).as(path).isEqualTo("/inbox");
        }
    }

    @Test
    void a_fragment_or_a_control_character_in_the_query_lands_on_the_inbox() {
        assertThat(SignInTarget.of("/inbox#x", SELF)).isEqualTo("/inbox");
        assertThat(SignInTarget.of("/tasks/1?x=%0d%0a", SELF)).isEqualTo("/tasks/1?x=%0d%0a");
        assertThat(SignInTarget.of("/tasks/1?x=\r\n", SELF)).isEqualTo("/inbox");
        assertThat(SignInTarget.of(null, SELF)).isEqualTo("/inbox");
        assertThat(SignInTarget.of("::not a uri::", SELF)).isEqualTo("/inbox");
    }

    @Test
    void only_redirects_to_this_origin_are_on_this_site() {
        assertThat(SignInTarget.onThisSite("https://signoff.example.com/x", SELF))
                .isTrue();
        assertThat(SignInTarget.onThisSite("/x", SELF)).isTrue();
        assertThat(SignInTarget.onThisSite("https://idp.example/authorize?x=1", SELF))
                .isFalse();
    }
}
