package dev.streamcart.serving.reviews;

import static dev.streamcart.apiclient.ApiClient.json;
import static dev.streamcart.serving.testing.Problems.assertProblem;
import static dev.streamcart.serving.testing.Storefront.GOOD_CARD;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamcart.apiclient.ApiClient;
import dev.streamcart.serving.photos.PhotoId;
import dev.streamcart.serving.photos.TestImages;
import dev.streamcart.serving.testing.ApiServerExtension;
import dev.streamcart.serving.testing.Db;
import dev.streamcart.serving.testing.Storefront;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ReviewPhotoApiTest {

    @RegisterExtension
    static final ApiServerExtension SERVER = ApiServerExtension.withPostgres();

    private static final int FIVE_MIB = 5 * 1024 * 1024;

    private final Storefront shop = SERVER.storefront();
    private final Db db = SERVER.db();
    private Path photos;

    @BeforeEach
    void setUp() {
        photos = SERVER.modelsDir().toAbsolutePath().resolveSibling("photos");
    }

    @Test
    void anAuthorAddsPhotosThatAreServedWithTheirTypeAndCachedForever() {
        Written review = writtenReview();
        byte[] png = TestImages.png(1);
        byte[] jpeg = TestImages.jpeg(2);
        byte[] webp = TestImages.webp(3);

        ApiClient.Response pngUpload = upload(review, "image/png", png);
        ApiClient.Response jpegUpload = upload(review, "image/jpeg", jpeg);
        ApiClient.Response webpUpload = upload(review, "image/webp", webp);

        assertThat(pngUpload.status()).as(pngUpload.toString()).isEqualTo(201);
        assertThat(jpegUpload.status()).as(jpegUpload.toString()).isEqualTo(201);
        assertThat(webpUpload.status()).as(webpUpload.toString()).isEqualTo(201);
        String sha = PhotoId.of(png).sha256();
        assertThat(pngUpload.json().path("sha256").asText()).isEqualTo(sha);
        assertThat(pngUpload.json().path("url").asText()).isEqualTo("/api/photos/" + sha);
        assertThat(pngUpload.json().path("sizeBytes").asInt()).isEqualTo(png.length);

        ApiClient.BytesResponse served = SERVER.client().getBytes("/api/photos/" + sha);
        assertThat(served.status()).isEqualTo(200);
        assertThat(served.body()).isEqualTo(png);
        assertThat(served.header("Content-Type")).isEqualTo("image/png");
        assertThat(served.header("Cache-Control")).contains("max-age=31536000").contains("immutable");
        assertThat(served.header("ETag")).isEqualTo("\"" + sha + "\"");
        assertThat(SERVER.client().getBytes("/api/photos/" + PhotoId.of(jpeg).sha256()).header("Content-Type"))
                .isEqualTo("image/jpeg");
        assertThat(SERVER.client().getBytes("/api/photos/" + PhotoId.of(webp).sha256()).header("Content-Type"))
                .isEqualTo("image/webp");
        ApiClient.BytesResponse revalidated = SERVER.client().getBytes("/api/photos/" + sha,
                "If-None-Match", "\"" + sha + "\"");
        assertThat(revalidated.status()).isEqualTo(304);
        assertThat(revalidated.body()).isEmpty();

        JsonNode listed = SERVER.client().get("/api/products/" + review.product + "/reviews").json().path("items").get(0);
        assertThat(listed.path("photos")).hasSize(3);
        assertThat(listed.path("photos").get(0).path("sha256").asText()).isEqualTo(sha);
    }

    @Test
    void theSameBytesAreStoredOnceWhateverReviewTheyAreOn() throws IOException {
        Written first = writtenReview();
        Written second = writtenReview();
        byte[] png = TestImages.png(40);
        String sha = PhotoId.of(png).sha256();

        assertThat(upload(first, "image/png", png).status()).isEqualTo(201);
        assertThat(upload(second, "image/png", png).status()).isEqualTo(201);
        ApiClient.Response repeated = upload(second, "image/png", png);

        assertThat(repeated.status()).as("already on that review").isEqualTo(200);
        assertThat(storedFiles().stream().filter(path -> path.getFileName().toString().equals(sha.substring(2))))
                .hasSize(1);
        assertThat(photos.resolve(sha.substring(0, 2)).resolve(sha.substring(2))).exists();
        assertThat(db.count("SELECT count(*) FROM review_photos WHERE sha256 = ?", sha)).isEqualTo(2);
    }

    @Test
    void aWrongTypeIs415AndStoresNothing() throws IOException {
        Written review = writtenReview();
        List<Path> before = storedFiles();

        assertProblem(upload(review, "image/gif", TestImages.gif()), 415);
        assertProblem(upload(review, "image/png", TestImages.gif()), 415, "not a JPEG, PNG or WebP");
        assertProblem(upload(review, "image/jpeg", TestImages.png(7)), 415, "image/png");
        assertProblem(upload(review, "text/plain", "hello".getBytes()), 415);
        assertProblem(upload(review, "application/json", "{}".getBytes()), 415);
        assertProblem(upload(review, "multipart/form-data; boundary=x", TestImages.png(8)), 415);
        assertProblem(shop.as(review.author).postBytes("/api/reviews/" + review.id + "/photos", null,
                TestImages.png(9)), 415);
        assertProblem(upload(review, "image/png", new byte[0]), 400);

        assertThat(storedFiles()).isEqualTo(before);
        assertThat(db.count("SELECT count(*) FROM review_photos WHERE review_id = ?", review.id)).isZero();
    }

    @Test
    void aPhotoOverFiveMebibytesIs413AndStoresNothing() throws IOException {
        Written review = writtenReview();
        List<Path> before = storedFiles();
        byte[] justTooBig = paddedPng(FIVE_MIB + 1);
        byte[] justRight = paddedPng(FIVE_MIB);

        assertRefusedAsTooLarge(review, justTooBig);
        assertThat(storedFiles()).isEqualTo(before);
        assertThat(db.count("SELECT count(*) FROM review_photos WHERE review_id = ?", review.id)).isZero();

        ApiClient.Response accepted = upload(review, "image/png", justRight);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(201);
        assertThat(accepted.json().path("sizeBytes").asInt()).as("the filler after the image's end is not stored")
                .isEqualTo(TestImages.png(99).length);
    }

    @Test
    void aPhotosGpsPositionAndCameraAreNeitherStoredNorServed() throws IOException {
        Written review = writtenReview();
        byte[] fromPhone = TestImages.jpegWithExif(60, 6);
        assertThat(TestImages.indexOf(fromPhone, TestImages.CAMERA.getBytes(StandardCharsets.US_ASCII))).isPositive();

        ApiClient.Response uploaded = upload(review, "image/jpeg", fromPhone);

        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
        String sha = uploaded.json().path("sha256").asText();
        byte[] stored = Files.readAllBytes(photos.resolve(sha.substring(0, 2)).resolve(sha.substring(2)));
        assertThat(PhotoId.of(stored).sha256()).as("named after what is stored").isEqualTo(sha);
        assertThat(uploaded.json().path("sizeBytes").asInt()).isEqualTo(stored.length);
        assertThat(SERVER.client().getBytes("/api/photos/" + sha).body()).isEqualTo(stored);
        assertThat(TestImages.indexOf(stored, TestImages.CAMERA.getBytes(StandardCharsets.US_ASCII))).isNegative();
        assertThat(TestImages.indexOf(stored, TestImages.rationals(TestImages.LATITUDE))).isNegative();
        assertThat(TestImages.indexOf(stored, TestImages.rationals(TestImages.LONGITUDE))).isNegative();
        assertThat(ImageIO.read(new ByteArrayInputStream(stored)).getWidth()).as("still a JPEG").isEqualTo(8);
        for (Path file : storedFiles()) {
            assertThat(TestImages.indexOf(Files.readAllBytes(file), TestImages.CAMERA.getBytes(StandardCharsets.US_ASCII)))
                    .as("the camera in " + file).isNegative();
        }
    }

    @Test
    void onlyTheAuthorOrAnAdminAddsPhotosAndAReviewHoldsAtMostSix() {
        Written review = writtenReview();
        long someoneElse = shop.user();

        assertProblem(shop.as(someoneElse).postBytes("/api/reviews/" + review.id + "/photos", "image/png",
                TestImages.png(20)), 404);
        assertProblem(SERVER.client().postBytes("/api/reviews/" + review.id + "/photos", "image/png",
                TestImages.png(20)), 401);
        assertProblem(upload(new Written(999_999, review.product, review.author), "image/png", TestImages.png(20)), 404);
        assertThat(shop.admin().postBytes("/api/reviews/" + review.id + "/photos", "image/png",
                TestImages.png(21)).status()).isEqualTo(201);
        for (int i = 0; i < 5; i++) {
            assertThat(upload(review, "image/png", TestImages.png(30 + i)).status()).isEqualTo(201);
        }

        assertProblem(upload(review, "image/png", TestImages.png(50)), 409, "at most 6");
        assertThat(upload(review, "image/png", TestImages.png(30)).status()).as("re-sending one it has").isEqualTo(200);
        assertThat(db.count("SELECT count(*) FROM review_photos WHERE review_id = ?", review.id)).isEqualTo(6);
    }

    @Test
    void unknownOrMalformedPhotoNamesAreProblems() {
        assertProblem(SERVER.client().get("/api/photos/" + "0".repeat(64)), 404);
        assertProblem(SERVER.client().get("/api/photos/not-a-hash"), 400);
        assertProblem(SERVER.client().get("/api/photos/" + "A".repeat(64)), 400);
    }

    private record Written(long id, long product, long author) {}

    private Written writtenReview() {
        long product = shop.stockedProduct("9.50", 5);
        long author = shop.user();
        long order = shop.placeOrder(author, product, 1).id();
        assertThat(shop.pay(order, GOOD_CARD).status()).isIn(200, 201);
        ApiClient.Response review = shop.as(author).post("/api/products/" + product + "/reviews",
                json("rating", 5, "title", "Lovely", "text", "See the photos."));
        assertThat(review.status()).as(review.toString()).isEqualTo(201);
        return new Written(review.id(), product, author);
    }

    /**
     * The API answers 413 from the Content-Length, before reading the body; RFC 9110 lets it then close
     * the connection, and a client still sending the body may see that close instead of the answer.
     * Either way nothing may be stored (the caller checks).
     */
    private void assertRefusedAsTooLarge(Written review, byte[] bytes) {
        ApiClient.Response response;
        try {
            response = upload(review, "image/png", bytes);
        } catch (dev.streamcart.apiclient.ApiUnreachableException connectionClosedWhileSending) {
            return;
        }
        assertProblem(response, 413);
    }

    private ApiClient.Response upload(Written review, String contentType, byte[] bytes) {
        return shop.as(review.author).postBytes("/api/reviews/" + review.id + "/photos", contentType, bytes);
    }

    /** A PNG signature followed by filler up to {@code size} bytes (type detection reads the signature). */
    private static byte[] paddedPng(int size) {
        byte[] png = TestImages.png(99);
        byte[] padded = Arrays.copyOf(png, size);
        Arrays.fill(padded, png.length, size, (byte) 7);
        return padded;
    }

    private List<Path> storedFiles() throws IOException {
        if (!Files.exists(photos)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(photos)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
