package dev.streamcart.serving.auth;

import static dev.streamcart.apiclient.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import dev.streamcart.apiclient.ApiClient;
import dev.streamcart.serving.limits.LoginLimits;
import dev.streamcart.serving.limits.RegistrationLimits;
import dev.streamcart.serving.testing.ApiServerExtension;
import dev.streamcart.serving.testing.Storefront;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Password guessing and mass sign-up, tried as an attacker would. Clients are told apart by
 * {@code X-Forwarded-For}, honoured because the test calls from 127.0.0.1, the default trusted proxy.
 * BCrypt runs at its production cost here, so parallel guesses really overlap their hashing.
 */
class SignInLimitsApiTest {

    private static final LoginLimits LOGIN = new LoginLimits(3, 10, 1_000, Duration.ofSeconds(2),
            Duration.ofSeconds(6), Duration.ofMinutes(15));

    @RegisterExtension
    static final ApiServerExtension SERVER = ApiServerExtension.withPostgres().bcryptRounds(10)
            .limits(limits -> limits.withLogin(LOGIN).withRegistration(new RegistrationLimits(3, Duration.ofMinutes(10))));

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    /** An account made by the operator (not counted as a sign-up of any client). */
    private static String account() {
        String email = "owner" + SEQUENCE.incrementAndGet() + "-" + System.nanoTime() + "@example.com";
        ApiClient.Response created = SERVER.admin().post("/api/users", json("email", email, "password", Storefront.PASSWORD,
                "firstName", "Ada", "lastName", "Lovelace"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return email;
    }

    private static ApiClient.Response login(String email, String password, String client) {
        return SERVER.client().post("/api/auth/login", json("email", email, "password", password),
                "X-Forwarded-For", client);
    }

    @Test
    void parallelWrongGuessesAreCountedBeforeTheHashSoOnlyTheFreeOnesGetThrough() throws Exception {
        String victim = account();
        int guesses = 16;
        ExecutorService pool = Executors.newFixedThreadPool(guesses);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<ApiClient.Response>> answers = new ArrayList<>();
            for (int i = 0; i < guesses; i++) {
                String guess = "guess number " + i;
                answers.add(pool.submit(() -> {
                    start.await();
                    return login(victim, guess, "203.0.113.10");
                }));
            }
            start.countDown();
            int refused = 0;
            int limited = 0;
            for (Future<ApiClient.Response> answer : answers) {
                ApiClient.Response response = answer.get();
                if (response.status() == 401) {
                    refused++;
                } else {
                    assertThat(response.status()).as(response.toString()).isEqualTo(429);
                    assertThat(response.contentType()).startsWith("application/problem+json");
                    assertThat(response.retryAfter()).isNotNull();
                    assertThat(Long.parseLong(response.retryAfter())).isBetween(1L, 6L);
                    limited++;
                }
            }
            assertThat(refused).as("password checks made").isEqualTo(LOGIN.freeFailuresPerAccountAndClient());
            assertThat(limited).isEqualTo(guesses - LOGIN.freeFailuresPerAccountAndClient());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void guessesFromManyClientsDoNotLockTheOwnerOut() {
        String victim = account();
        for (int client = 1; client <= 2 * LOGIN.freeFailuresPerAccount(); client++) {
            assertThat(login(victim, "wrong " + client, "198.18.0." + client).status()).isEqualTo(401);
        }
        ApiClient.Response attackerAgain = login(victim, "wrong again", "198.18.0.1");
        assertThat(attackerAgain.status()).as("the account's failures slow every client that failed on it")
                .isEqualTo(429);

        ApiClient.Response owner = login(victim, Storefront.PASSWORD, "192.0.2.44");

        assertThat(owner.status()).as(owner.toString()).isEqualTo(200);
    }

    @Test
    void theDelayIsBoundedSoAnOwnerWhoMistypedSignsInAfterIt() {
        String victim = account();
        for (int client = 1; client <= 2 * LOGIN.freeFailuresPerAccount(); client++) {
            login(victim, "wrong " + client, "198.19.0." + client);
        }
        assertThat(login(victim, "a typo", "192.0.2.45").status()).isEqualTo(401);
        ApiClient.Response waiting = login(victim, Storefront.PASSWORD, "192.0.2.45");
        assertThat(waiting.status()).isEqualTo(429);
        assertThat(Long.parseLong(waiting.retryAfter())).isLessThanOrEqualTo(LOGIN.maxDelay().toSeconds());

        // the attacker keeps guessing meanwhile; it cannot take the owner's turn
        await().atMost(LOGIN.maxDelay().plusSeconds(3)).pollInterval(Duration.ofMillis(500)).until(() -> {
            login(victim, "still guessing", "198.19.0.1");
            return login(victim, Storefront.PASSWORD, "192.0.2.45").status() == 200;
        });
    }

    @Test
    void signUpsArePerClientAndTheOperatorIsNotCounted() {
        String client = "203.0.113.77";
        for (int i = 0; i < 3; i++) {
            assertThat(signUp(SERVER.client(), client).status()).isEqualTo(201);
        }

        ApiClient.Response limited = signUp(SERVER.client(), client);

        assertThat(limited.status()).as(limited.toString()).isEqualTo(429);
        assertThat(limited.contentType()).startsWith("application/problem+json");
        assertThat(Long.parseLong(limited.retryAfter())).isBetween(1L, 600L);
        assertThat(signUp(SERVER.client(), "203.0.113.78").status()).as("another client").isEqualTo(201);
        assertThat(signUp(SERVER.admin(), client).status()).as("the operator creating accounts").isEqualTo(201);
    }

    @Test
    void parallelSignUpsFromOneClientGetNoMoreThanTheLimit() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<ApiClient.Response>> answers = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return signUp(SERVER.client(), "203.0.113.90");
                }));
            }
            start.countDown();
            int created = 0;
            for (Future<ApiClient.Response> answer : answers) {
                if (answer.get().status() == 201) {
                    created++;
                }
            }
            assertThat(created).isEqualTo(3);
        } finally {
            pool.shutdownNow();
        }
    }

    private static ApiClient.Response signUp(ApiClient caller, String client) {
        return caller.post("/api/users", json("email", "signup" + SEQUENCE.incrementAndGet() + "-" + System.nanoTime()
                + "@example.com", "password", Storefront.PASSWORD, "firstName", "Eve", "lastName", "Mallory"),
                "X-Forwarded-For", client);
    }
}
