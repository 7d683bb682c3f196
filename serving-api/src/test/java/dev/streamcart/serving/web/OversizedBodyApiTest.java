package dev.streamcart.serving.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

import dev.streamcart.serving.testing.ApiServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A body whose Content-Length is over the API's limit is refused at once, unread: a client that
 * declares two megabytes and sends them slowly cannot hold a server thread (it held one until the
 * first megabyte had arrived). The server then closes the connection rather than read the rest, and
 * says so ({@code Connection: close}).
 */
class OversizedBodyApiTest {

    @RegisterExtension
    static final ApiServerExtension SERVER = ApiServerExtension.withPostgres();

    @Test
    void aBodyOverTheLimitIs413WithConnectionCloseAndTheConnectionIsClosed() throws IOException {
        URI base = URI.create(SERVER.client().baseUrl());
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout((int) Duration.ofSeconds(20).toMillis());
            OutputStream out = socket.getOutputStream();
            // the headers and the start of a 2 MB body: the rest never comes
            out.write(("POST /api/users HTTP/1.1\r\nHost: " + base.getHost() + "\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 2000000\r\n\r\n{\"email\":\"")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();

            String answer = readUntilClosed(socket.getInputStream());

            assertThat(answer).startsWith("HTTP/1.1 413");
            assertThat(answer.toLowerCase(Locale.ROOT)).contains("\r\nconnection: close\r\n")
                    .contains("application/problem+json");
        }
    }

    /** Everything the server sends until it closes the connection (a read timeout fails the test). */
    private static String readUntilClosed(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
}
