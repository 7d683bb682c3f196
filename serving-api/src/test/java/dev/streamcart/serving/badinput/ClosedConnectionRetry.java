package dev.streamcart.serving.badinput;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Sends a request again, at most twice more, when the connection closed before any byte of an
 * answer came back. The bad-input and fuzz tests send requests back to back, many with bodies the
 * server refuses before reading them; Jetty may then close that connection after its answer (it
 * cannot add {@code Connection: close} to an answer already sent), and the JDK client may have sent
 * the next request on it already. That request got no answer at all, and sending it again is what
 * any client does.
 * A server that really dropped a request without answering drops it every time, and still fails.
 */
final class ClosedConnectionRetry {

    private static final int ATTEMPTS = 3;

    private ClosedConnectionRetry() {}

    static <T> HttpResponse<T> send(HttpClient http, HttpRequest request, HttpResponse.BodyHandler<T> body)
            throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return http.send(request, body);
            } catch (IOException e) {
                if (attempt >= ATTEMPTS || !closedBeforeAnswer(e)) {
                    throw e;
                }
            }
        }
    }

    /** The JDK client's words for a connection closed before the status line. */
    private static boolean closedBeforeAnswer(IOException e) {
        return String.valueOf(e.getMessage()).contains("header parser received no bytes");
    }
}
