package dev.streamcart.localstack.launcher;

import dev.streamcart.apiclient.ApiClient;

/** Signs the operator in to a running serving-api, for launcher commands that call admin routes. */
public final class AdminSession {

    private AdminSession() {
    }

    /**
     * The bearer token of the admin account; an {@link AdminSignInRefused} says what to do when
     * refused, and an {@link dev.streamcart.apiclient.ApiUnreachableException} that nothing answered.
     */
    public static String login(String apiUrl, AdminCredentials credentials) {
        ApiClient.Response response = new ApiClient(apiUrl).post("/api/auth/login",
                ApiClient.json("email", credentials.email(), "password", credentials.password()));
        if (response.status() == 401 && credentials.source() == AdminCredentials.Source.ENVIRONMENT) {
            throw new AdminSignInRefused("the admin sign-in was refused (401): " + AdminCredentials.ENVIRONMENT_VARIABLE
                    + " is not the password the running platform was started with; set it to that one");
        }
        if (response.status() == 401) {
            throw new AdminSignInRefused("the admin sign-in was refused (401): the running platform was started with "
                    + AdminCredentials.ENVIRONMENT_VARIABLE + "; run this command with the same "
                    + AdminCredentials.ENVIRONMENT_VARIABLE + " set");
        }
        if (response.status() != 200 || !response.json().path("token").isTextual()) {
            throw new AdminSignInRefused("the admin sign-in was refused (" + response.status() + "): "
                    + response.problem().explanation(response.body()));
        }
        return response.json().path("token").asText();
    }
}
