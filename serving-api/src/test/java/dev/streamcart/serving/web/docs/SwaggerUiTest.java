package dev.streamcart.serving.web.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.streamcart.apiclient.ApiClient;
import dev.streamcart.serving.testing.ApiServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Swagger UI at /docs works offline: the page and every asset it names come from this server. */
class SwaggerUiTest {

    @RegisterExtension
    static final ApiServerExtension SERVER = ApiServerExtension.withPostgres();

    private static final Pattern ASSET = Pattern.compile("(?:src|href)=\"([^\"]+)\"");

    @Test
    void docsIsAnHtmlPageThatReadsTheOpenApiDocument() {
        ApiClient.Response page = SERVER.client().get("/docs");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("SwaggerUIBundle(").contains("url: \"/openapi.yaml\"");
    }

    @Test
    void tokensEnteredUnderAuthorizeAreKeptInThePageOnly() {
        String html = SERVER.client().get("/docs").body();

        assertThat(html).contains("persistAuthorization: false").doesNotContain("persistAuthorization: true");
        assertThat(html).as("nothing of the page writes to the browser's storage")
                .doesNotContain("localStorage.setItem").doesNotContain("sessionStorage");
        assertThat(html).as("a token an earlier version persisted is removed")
                .contains("localStorage.removeItem(\"authorized\")");
        assertThat(html).as("no badge from validator.swagger.io").contains("validatorUrl: \"none\"");
    }

    @Test
    void everyAssetOfThePageIsLocalAndLoads() {
        String html = SERVER.client().get("/docs").body();
        List<String> assets = new ArrayList<>();
        Matcher matcher = ASSET.matcher(html);
        while (matcher.find()) {
            assets.add(matcher.group(1));
        }

        assertThat(assets).as("scripts and styles of the page")
                .anyMatch(asset -> asset.endsWith("/swagger-ui-bundle.js"))
                .anyMatch(asset -> asset.endsWith("/swagger-ui.css"))
                .allSatisfy(asset -> assertThat(asset).as("no CDN").startsWith("/webjars/swagger-ui/"));
        for (String asset : assets) {
            ApiClient.Response response = SERVER.client().get(asset);
            assertThat(response.status()).as(asset).isEqualTo(200);
            assertThat(response.body()).as(asset).isNotEmpty();
            if (asset.endsWith(".js")) {
                assertThat(response.contentType()).as(asset).contains("javascript");
            } else if (asset.endsWith(".css")) {
                assertThat(response.contentType()).as(asset).startsWith("text/css");
            }
        }
        assertThat(SERVER.client().get(assets.stream().filter(a -> a.endsWith("swagger-ui-bundle.js")).findFirst()
                .orElseThrow()).body()).as("the real bundle, not an error page").contains("SwaggerUIBundle");
    }

    @Test
    void theDocumentTheUiReadsIsServed() {
        ApiClient.Response document = SERVER.client().get("/openapi.yaml");

        assertThat(document.status()).isEqualTo(200);
        assertThat(document.body()).startsWith("openapi: 3.1.0").contains("  /docs:");
    }
}
