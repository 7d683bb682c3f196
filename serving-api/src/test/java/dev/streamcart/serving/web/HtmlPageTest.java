package dev.streamcart.serving.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlPageTest {

    @Test
    void inlineScriptsAndStylesAreAllowedByTheHashBrowsersCompute() {
        // the example of the CSP specification: alert('Hello, world.'); hashes to this
        HtmlPage page = HtmlPage.of("""
                <html><head><script src="/webjars/lib.js"></script><style>p { color: red; }</style></head>
                <body><script>alert('Hello, world.');</script></body></html>""",
                ContentSecurityPolicy.NOTHING.allow("script-src", "'self'").allow("style-src", "'self'"));

        assertThat(page.policy().directives().get("script-src"))
                .containsExactly("'self'", "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='");
        assertThat(page.policy().directives().get("style-src")).hasSize(2).first().isEqualTo("'self'");
        assertThat(page.policy().header()).startsWith("default-src 'none'; base-uri 'none'; form-action 'none';"
                + " frame-ancestors 'none'; script-src 'self' 'sha256-");
    }

    @Test
    void aPageWithoutInlineBlocksGetsItsPolicyAsWritten() {
        ContentSecurityPolicy policy = ContentSecurityPolicy.NOTHING.allow("img-src", "'self'", "data:");

        HtmlPage page = HtmlPage.of("<html><body><img src=\"/a.png\"></body></html>", policy);

        assertThat(page.policy()).isEqualTo(policy);
        assertThat(page.policy().header()).isEqualTo(
                "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; img-src 'self' data:");
    }
}
