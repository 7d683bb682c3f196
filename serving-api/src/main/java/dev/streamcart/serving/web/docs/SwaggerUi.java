package dev.streamcart.serving.web.docs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

import dev.streamcart.serving.web.ContentSecurityPolicy;
import dev.streamcart.serving.web.HtmlPage;
import dev.streamcart.serving.web.OpenApiDocument;
import io.javalin.http.Context;

/**
 * Swagger UI at {@code /docs}, reading {@code /openapi.yaml}. Its scripts and styles come from the
 * {@code org.webjars:swagger-ui} jar on the classpath, served by Javalin under {@code /webjars/}
 * (see {@code enableWebjars()} in {@code ServingApi}), so the page works offline and never loads
 * anything from a CDN. The webjar's version is read from the jar itself, so upgrading the
 * dependency needs no code change.
 *
 * <p>Bearer tokens entered under "Authorize" (the admin's too) live only in the page's memory:
 * {@code persistAuthorization} is off, so none is written to localStorage where any script of
 * this origin, or anyone at the browser later, could read it; a reload asks for the token again.
 * The page runs under a Content-Security-Policy that allows scripts and styles from this server
 * only, and its one inline script by hash ({@link HtmlPage}).
 */
public final class SwaggerUi {

    public static final String PATH = "/docs";
    private static final String WEBJAR_PROPERTIES = "/META-INF/maven/org.webjars/swagger-ui/pom.properties";

    // Swagger UI needs nothing from elsewhere: its bundle, styles and icons are served here. Its CSS
    // draws icons from data: URIs, and "Try it out" shows an image answer (a review photo) from a
    // blob: URL. Its bundle writes style attributes (Chromium reports them blocked without
    // style-src-attr); attributes cannot run code, scripts stay limited to this server and the hash.
    private static final ContentSecurityPolicy POLICY = ContentSecurityPolicy.NOTHING
            .allow("script-src", "'self'")
            // the one <style> element swagger-ui-bundle.js 5.34.1 injects; an upgrade may change it, and
            // SwaggerUiBrowserTest then names the new hash
            .allow("style-src", "'self'", "'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w='")
            .allow("style-src-attr", "'unsafe-inline'")
            .allow("img-src", "'self'", "data:", "blob:")
            .allow("font-src", "'self'")
            .allow("connect-src", "'self'");

    private final String assets;
    private final HtmlPage page;

    public SwaggerUi() {
        this.assets = "/webjars/swagger-ui/" + webjarVersion();
        this.page = HtmlPage.of(html(assets), POLICY);
    }

    /** Where the page's scripts and styles are served, e.g. {@code /webjars/swagger-ui/5.34.1}. */
    public String assetsPath() {
        return assets;
    }

    public void get(Context ctx) {
        page.serve(ctx);
    }

    private static String webjarVersion() {
        try (InputStream in = SwaggerUi.class.getResourceAsStream(WEBJAR_PROPERTIES)) {
            if (in == null) {
                throw new IllegalStateException("org.webjars:swagger-ui is missing from the classpath");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // The webjar's own index.html loads swagger-initializer.js, which points at the Petstore on the
    // internet; this page configures the bundle inline instead. validatorUrl "none": the default
    // badge would send this document's address to validator.swagger.io. Earlier versions of this
    // page persisted tokens, so one may still sit in the browser's localStorage: it is removed.
    private static String html(String assets) {
        return """
                <!doctype html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <title>StreamCart API</title>
                  <link rel="stylesheet" href="%1$s/swagger-ui.css">
                  <link rel="icon" type="image/png" href="%1$s/favicon-32x32.png" sizes="32x32">
                </head>
                <body>
                  <div id="swagger-ui"></div>
                  <script src="%1$s/swagger-ui-bundle.js"></script>
                  <script src="%1$s/swagger-ui-standalone-preset.js"></script>
                  <script>
                    window.onload = () => {
                      window.localStorage.removeItem("authorized");
                      window.ui = SwaggerUIBundle({
                        url: "%2$s",
                        dom_id: "#swagger-ui",
                        deepLinking: true,
                        persistAuthorization: false,
                        validatorUrl: "none",
                        presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
                        layout: "StandaloneLayout"
                      });
                    };
                  </script>
                </body>
                </html>
                """.formatted(assets, OpenApiDocument.RESOURCE);
    }
}
