package dev.streamcart.serving.photos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class PhotoTypeTest {

    @Test
    void recognisesTheAcceptedFormatsByTheirBytes() {
        assertThat(PhotoType.detect(TestImages.png(1))).contains(PhotoType.PNG);
        assertThat(PhotoType.detect(TestImages.jpeg(1))).contains(PhotoType.JPEG);
        assertThat(PhotoType.detect(TestImages.webp(1))).contains(PhotoType.WEBP);
    }

    @Test
    void refusesEverythingElseWhateverItIsCalled() {
        assertThat(PhotoType.detect(TestImages.gif())).isEmpty();
        assertThat(PhotoType.detect("<svg xmlns='http://www.w3.org/2000/svg'/>".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(PhotoType.detect("RIFF0000WAVEfmt ".getBytes(StandardCharsets.US_ASCII))).isEmpty();
        assertThat(PhotoType.detect(new byte[] {(byte) 0xFF, (byte) 0xD8})).isEmpty();
        assertThat(PhotoType.detect(new byte[0])).isEmpty();
    }

    @Test
    void readsTheMediaTypeOfAContentTypeHeader() {
        assertThat(PhotoType.ofContentType("image/PNG; charset=binary")).contains(PhotoType.PNG);
        assertThat(PhotoType.ofContentType("image/webp")).contains(PhotoType.WEBP);
        assertThat(PhotoType.ofContentType("image/gif")).isEmpty();
        assertThat(PhotoType.ofContentType("multipart/form-data; boundary=x")).isEmpty();
    }
}
