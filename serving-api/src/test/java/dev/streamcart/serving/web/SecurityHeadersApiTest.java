package dev.streamcart.serving.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.streamcart.apiclient.ApiClient;
import dev.streamcart.serving.ServingApi;
import dev.streamcart.serving.testing.ApiServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every HTML page the API serves, found by calling every parameterless GET route, forbids framing,
 * referrers and MIME sniffing, and runs scripts from this server and its own inline blocks only.
 * Whether the pages still work under their policies is for the browser tests
 * ({@code DashboardBrowserTest}, {@code SwaggerUiBrowserTest}), which fail on any CSP violation.
 */
class SecurityHeadersApiTest {

    @RegisterExtension
    static final ApiServerExtension SERVER = ApiServerExtension.withPostgres();

    private static final Pattern INLINE_SCRIPT = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL);
    private static final Pattern INLINE_STYLE = Pattern.compile("<style>(.*?)</style>", Pattern.DOTALL);
    private static final Pattern SWAGGER_ASSETS = Pattern.compile("/webjars/swagger-ui/[^/\"]+/");

    @Test
    void everyHtmlPageForbidsFramingReferrersSniffingAndScriptsFromElsewhere() throws Exception {
        List<String> pages = new ArrayList<>();
        for (ServingApi.Route route : SERVER.api().routes()) {
            if (!route.method().equals("GET") || route.path().contains("{")) {
                continue;
            }
            ApiClient.BytesResponse response = SERVER.client().getBytes(route.path());
            if (!response.header("Content-Type").startsWith("text/html")) {
                continue;
            }
            pages.add(route.path());
            String html = new String(response.body(), StandardCharsets.UTF_8);
            assertPlainHeaders(route.path(), response);
            Map<String, List<String>> policy = policy(route.path(), response);

            assertThat(policy.get("default-src")).as(route.path()).containsExactly("'none'");
            assertThat(policy.get("frame-ancestors")).as(route.path()).containsExactly("'none'");
            assertThat(policy.get("base-uri")).as(route.path()).containsExactly("'none'");
            assertThat(policy.get("form-action")).as(route.path()).containsExactly("'none'");
            assertThat(policy.get("script-src")).as(route.path() + " script-src").contains("'self'")
                    .doesNotContain("'unsafe-inline'", "'unsafe-eval'", "*", "data:", "http:", "https:", "blob:");
            assertThat(policy.get("style-src")).as(route.path() + " style-src").contains("'self'")
                    .doesNotContain("'unsafe-inline'", "*");
            assertThat(policy.getOrDefault("connect-src", List.of())).as(route.path() + " connect-src")
                    .allMatch(source -> source.equals("'self'"));
            for (String script : blocks(INLINE_SCRIPT, html)) {
                assertThat(policy.get("script-src")).as(route.path() + ": its inline script by hash").contains(hash(script));
            }
            for (String style : blocks(INLINE_STYLE, html)) {
                assertThat(policy.get("style-src")).as(route.path() + ": its inline style by hash").contains(hash(style));
            }
        }

        assertThat(pages).contains("/dashboard", "/docs");
    }

    @Test
    void theSwaggerUiWebjarsOwnPagesRunNoScriptAtAll() {
        Matcher assets = SWAGGER_ASSETS.matcher(SERVER.client().get("/docs").body());
        assertThat(assets.find()).isTrue();

        for (String page : List.of("index.html", "oauth2-redirect.html")) {
            String path = assets.group() + page;
            ApiClient.BytesResponse response = SERVER.client().getBytes(path);

            assertThat(response.status()).as(path).isEqualTo(200);
            assertThat(response.header("Content-Type")).as(path).startsWith("text/html");
            assertPlainHeaders(path, response);
            assertThat(policy(path, response)).as(path).isEqualTo(Map.of("default-src", List.of("'none'"),
                    "base-uri", List.of("'none'"), "form-action", List.of("'none'"), "frame-ancestors", List.of("'none'")));
        }
    }

    @Test
    void jsonAnswersAndRefusalsCarryTheHeadersToo() {
        for (String path : List.of("/health", "/api/auth/me", "/api/no-such-thing")) {
            ApiClient.BytesResponse response = SERVER.client().getBytes(path);

            assertPlainHeaders(path, response);
            assertThat(response.header("Content-Security-Policy")).as(path).startsWith("default-src 'none'");
        }
    }

    private static void assertPlainHeaders(String path, ApiClient.BytesResponse response) {
        assertThat(response.header("X-Frame-Options")).as(path).isEqualTo("DENY");
        assertThat(response.header("Referrer-Policy")).as(path).isEqualTo("no-referrer");
        assertThat(response.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
    }

    /** The one Content-Security-Policy header (two would both apply), as directives and sources. */
    private static Map<String, List<String>> policy(String path, ApiClient.BytesResponse response) {
        List<String> headers = response.headers().allValues("Content-Security-Policy");
        assertThat(headers).as(path + ": one policy").hasSize(1);
        Map<String, List<String>> directives = new LinkedHashMap<>();
        for (String directive : headers.get(0).split(";")) {
            String[] words = directive.trim().split("\\s+");
            if (!words[0].isEmpty()) {
                directives.put(words[0], List.of(Arrays.copyOfRange(words, 1, words.length)));
            }
        }
        return directives;
    }

    private static List<String> blocks(Pattern pattern, String html) {
        List<String> found = new ArrayList<>();
        Matcher matcher = pattern.matcher(html);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    private static String hash(String block) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(block.getBytes(StandardCharsets.UTF_8));
        return "'sha256-" + Base64.getEncoder().encodeToString(digest) + "'";
    }
}
