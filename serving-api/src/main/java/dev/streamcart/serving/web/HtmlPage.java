package dev.streamcart.serving.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.javalin.http.Context;

/**
 * An HTML page this API serves, with the Content-Security-Policy it works under: the page's own
 * policy, plus the SHA-256 of each of its inline {@code <script>} and {@code <style>} blocks. The
 * hashes are computed here from the page itself, so editing a block needs no change to the policy,
 * while any other inline script (one injected into the page, say) is refused by the browser.
 * Inline event handler attributes ({@code onclick="..."}) do not run under such a policy: pages
 * use {@code addEventListener}.
 */
public record HtmlPage(String html, ContentSecurityPolicy policy) {

    // an inline block: no src attribute; the browser hashes exactly the text between the tags
    private static final Pattern SCRIPT = Pattern.compile("<script\\b([^>]*)>(.*?)</script>", Pattern.DOTALL);
    private static final Pattern STYLE = Pattern.compile("<style\\b[^>]*>(.*?)</style>", Pattern.DOTALL);

    public HtmlPage {
        Objects.requireNonNull(html, "html");
        Objects.requireNonNull(policy, "policy");
    }

    /** {@code html} under {@code policy}, its inline scripts and styles allowed by hash. */
    public static HtmlPage of(String html, ContentSecurityPolicy policy) {
        ContentSecurityPolicy withHashes = policy;
        List<String> scripts = inlineScripts(html);
        if (!scripts.isEmpty()) {
            withHashes = withHashes.allow("script-src", scripts.stream().map(HtmlPage::hashSource).toArray(String[]::new));
        }
        List<String> styles = inlineStyles(html);
        if (!styles.isEmpty()) {
            withHashes = withHashes.allow("style-src", styles.stream().map(HtmlPage::hashSource).toArray(String[]::new));
        }
        return new HtmlPage(html, withHashes);
    }

    public void serve(Context ctx) {
        // replaces the nothing-allowed default of SecurityHeaders (two policies would both apply)
        ctx.header(ContentSecurityPolicy.HEADER, policy.header());
        ctx.header("Cache-Control", "no-cache").html(html);
    }

    /** {@code 'sha256-<base64>'} of the block's text as UTF-8, the form CSP expects. */
    static String hashSource(String block) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(block.getBytes(StandardCharsets.UTF_8));
            return "'sha256-" + Base64.getEncoder().encodeToString(digest) + "'";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static List<String> inlineScripts(String html) {
        List<String> inline = new ArrayList<>();
        Matcher matcher = SCRIPT.matcher(html);
        while (matcher.find()) {
            if (!matcher.group(1).contains("src=")) {
                inline.add(matcher.group(2));
            }
        }
        return inline;
    }

    private static List<String> inlineStyles(String html) {
        List<String> inline = new ArrayList<>();
        Matcher matcher = STYLE.matcher(html);
        while (matcher.find()) {
            inline.add(matcher.group(1));
        }
        return inline;
    }
}
