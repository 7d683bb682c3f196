package dev.streamcart.serving.badinput;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.streamcart.serving.badinput.BadInput.Caller;
import dev.streamcart.serving.badinput.FixtureClient.Answer;
import dev.streamcart.serving.photos.TestImages;
import dev.streamcart.serving.testing.ApiServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every documented operation called by each of the six callers (anonymous, a customer, another
 * customer, a seller, another seller, the admin), each answer held to what the document's
 * {@code security}, {@code x-roles} and {@code x-owner} promise ({@link ExpectedAccess}): 401 without
 * a credential, 403 for a role not listed, the owner rule's 404 or 403 for someone else's resource,
 * and neither of those for a caller who may. The request is the operation's {@link ValidRequest}, so
 * a refusal can only come from who is calling.
 *
 * <p>Calls that succeed change the store, so the cells run in {@link OperationOrder}, where that
 * harms nothing: a later caller may meet a 409 (the order is already cancelled), never a refusal.
 */
class AuthorisationMatrixTest {

    @RegisterExtension
    static final ApiServerExtension SERVER = ApiServerExtension.withPostgres();

    // "order 12 does not exist": how the API refuses a resource that is missing or someone else's
    private static final Pattern MISSING = Pattern.compile("\"detail\"\\s*:\\s*\"[a-z ]+ \\d+ does not exist\"");

    private static FixtureClient client;

    /** One cell of the matrix: an operation, a caller and what the document says the caller gets. */
    record Cell(DocumentedOperation operation, ValidRequest request, Caller caller, ExpectedAccess expected) {
        @Override
        public String toString() {
            return operation + " as " + ExpectedAccess.describe(caller) + ": " + expected;
        }
    }

    @BeforeAll
    static void createFixture() {
        client = new FixtureClient(SERVER.client().baseUrl(), StoreFixture.create(SERVER));
    }

    static Stream<Cell> cells() {
        List<Cell> cells = new ArrayList<>();
        for (DocumentedOperation operation : OperationOrder.sorted(DocumentedOperations.load())) {
            ValidRequest request = ValidRequests.of(operation);
            for (Caller caller : Caller.values()) {
                cells.add(new Cell(operation, request, caller,
                        ExpectedAccess.of(operation, caller, StoreFixture.namedBy(request.pathAndQuery()))));
            }
        }
        return cells.stream();
    }

    @Test
    void everyDocumentedOperationIsInTheMatrixForEveryCaller() {
        List<DocumentedOperation> operations = DocumentedOperations.load();
        assertThat(operations).hasSizeGreaterThanOrEqualTo(86).allSatisfy(operation ->
                assertThat(ValidRequests.has(operation)).as("a valid request for " + operation).isTrue());
        assertThat(cells()).hasSize(operations.size() * Caller.values().length);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("cells")
    void theCallerGetsWhatTheDocumentPromises(Cell cell) {
        Answer answer = send(cell);

        if (cell.expected().allowed()) {
            assertThat(answer.status()).as("refused a caller the document lets through: " + answer).isNotIn(401, 403);
            assertThat(answer.status() == 404 && MISSING.matcher(answer.body()).find())
                    .as("the resource of the path looked missing to a caller the document lets through: " + answer).isFalse();
        } else {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(cell.expected().status());
            assertThat(answer.isProblem()).as(answer.toString()).isTrue();
        }
    }

    private static Answer send(Cell cell) {
        ValidRequest request = cell.request();
        List<String> headers = new ArrayList<>();
        for (int i = 0; i < request.headers().size(); i += 2) {
            headers.add(request.headers().get(i));
            headers.add(client.resolve(request.headers().get(i + 1), cell.caller()));
        }
        byte[] body = null;
        String contentType = null;
        if (request.body() != null) {
            body = client.fillJson(request.body()).getBytes(StandardCharsets.UTF_8);
            contentType = "application/json";
        } else if (request.binaryType() != null) {
            body = TestImages.png(cell.caller().ordinal() + 20);
            contentType = request.binaryType();
        }
        return client.send(cell.caller(), cell.operation().method(), client.resolve(request.pathAndQuery(), cell.caller()),
                body, contentType, headers);
    }
}
