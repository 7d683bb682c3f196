package dev.streamcart.serving.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamcart.apiclient.ApiClient;

/** Assertions on the API's refusals, which answer as problem details (RFC 9457). */
public final class Problems {

    private Problems() {}

    /** A problem with {@code status}, whose detail names each of {@code mentions}. */
    public static void assertProblem(ApiClient.Response response, int status, String... mentions) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        for (String mention : mentions) {
            assertThat(response.json().path("detail").asText()).contains(mention);
        }
    }
}
