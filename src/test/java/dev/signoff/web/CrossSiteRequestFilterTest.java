package dev.signoff.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class CrossSiteRequestFilterTest {

    private static final URI SELF = URI.create("https://signoff.example.com/");

    @Test
    void the_same_scheme_host_and_port_is_the_same_origin() {
        assertThat(CrossSiteRequestFilter.sameOrigin("https://signoff.example.com", SELF))
                .isTrue();
        assertThat(CrossSiteRequestFilter.sameOrigin("https://SIGNOFF.example.com:443", SELF))
                .isTrue();
    }

    @Test
    void another_host_scheme_or_port_is_another_origin() {
        assertThat(CrossSiteRequestFilter.sameOrigin("https://evil.example.com", SELF))
                .isFalse();
        assertThat(CrossSiteRequestFilter.sameOrigin("http://signoff.example.com", SELF))
                .isFalse();
        assertThat(CrossSiteRequestFilter.sameOrigin("https://signoff.example.com:8443", SELF))
                .isFalse();
        assertThat(CrossSiteRequestFilter.sameOrigin("null", SELF)).isFalse();
        assertThat(CrossSiteRequestFilter.sameOrigin("::not a uri::", SELF)).isFalse();
    }
}
