package dev.streamcart.localstack.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Signs the operator in to a running serving-api, for launcher commands that call admin routes. */
public final class AdminSession {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AdminSession() {
    }

    /** The bearer token of the admin account; an {@link AdminSignInRefused} says what to do when refused. */
    public static String login(String apiUrl, AdminCredentials credentials) throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(Map.of("email", credentials.email(), "password", credentials.password()));
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(apiUrl + "/api/auth/login"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode answer = JSON.readTree(response.body());
        if (response.statusCode() == 401 && credentials.source() == AdminCredentials.Source.ENVIRONMENT) {
            throw new AdminSignInRefused("the admin sign-in was refused (401): " + AdminCredentials.ENVIRONMENT_VARIABLE
                    + " is not the password the running platform was started with; set it to that one");
        }
        if (response.statusCode() == 401) {
            throw new AdminSignInRefused("the admin sign-in was refused (401): the running platform was started with "
                    + AdminCredentials.ENVIRONMENT_VARIABLE + "; run this command with the same "
                    + AdminCredentials.ENVIRONMENT_VARIABLE + " set");
        }
        if (response.statusCode() != 200 || !answer.path("token").isTextual()) {
            throw new AdminSignInRefused("the admin sign-in was refused (" + response.statusCode() + "): "
                    + answer.path("detail").asText(response.body()));
        }
        return answer.path("token").asText();
    }
}
