package dev.streamcart.serving.web.docs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

import dev.streamcart.serving.web.OpenApiDocument;
import io.javalin.http.Context;

/**
 * Swagger UI at {@code /docs}, reading {@code /openapi.yaml}. Its scripts and styles come from the
 * {@code org.webjars:swagger-ui} jar on the classpath, served by Javalin under {@code /webjars/}
 * (see {@code enableWebjars()} in {@code ServingApi}), so the page works offline and never loads
 * anything from a CDN. The webjar's version is read from the jar itself, so upgrading the
 * dependency needs no code change.
 */
public final class SwaggerUi {

    public static final String PATH = "/docs";
    private static final String WEBJAR_PROPERTIES = "/META-INF/maven/org.webjars/swagger-ui/pom.properties";

    private final String assets;
    private final String html;

    public SwaggerUi() {
        this.assets = "/webjars/swagger-ui/" + webjarVersion();
        this.html = page(assets);
    }

    /** Where the page's scripts and styles are served, e.g. {@code /webjars/swagger-ui/5.34.1}. */
    public String assetsPath() {
        return assets;
    }

    public void get(Context ctx) {
        ctx.header("Cache-Control", "no-cache").html(html);
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
    // internet; this page configures the bundle inline instead.
    private static String page(String assets) {
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
                      window.ui = SwaggerUIBundle({
                        url: "%2$s",
                        dom_id: "#swagger-ui",
                        deepLinking: true,
                        persistAuthorization: true,
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
