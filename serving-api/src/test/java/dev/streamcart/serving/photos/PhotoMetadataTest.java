package dev.streamcart.serving.photos;

import static dev.streamcart.serving.photos.TestImages.concat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import javax.imageio.ImageIO;

import dev.streamcart.serving.problems.DomainException;
import dev.streamcart.serving.problems.ProblemKind;
import org.junit.jupiter.api.Test;

class PhotoMetadataTest {

    private static final byte[] CAMERA = TestImages.CAMERA.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LATITUDE = TestImages.rationals(TestImages.LATITUDE);
    private static final byte[] LONGITUDE = TestImages.rationals(TestImages.LONGITUDE);

    @Test
    void aJpegLosesItsGpsPositionAndCameraAndKeepsItsPixelsByteForByte() throws IOException {
        byte[] plain = TestImages.jpeg(11);
        byte[] fromCamera = TestImages.jpegWithExif(11, 1);
        assertThat(TestImages.indexOf(fromCamera, CAMERA)).as("the fixture names its camera").isPositive();
        assertThat(TestImages.indexOf(fromCamera, LATITUDE)).as("the fixture holds a latitude").isPositive();

        byte[] stored = PhotoMetadata.strip(PhotoType.JPEG, fromCamera);

        assertThat(stored).as("orientation 1 (as stored) needs no EXIF at all").isEqualTo(plain);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(stored));
        assertThat(image.getWidth()).isEqualTo(8);
    }

    @Test
    void aRotatedJpegKeepsItsOrientationAndNothingElseOfItsExif() {
        byte[] fromCamera = TestImages.jpegWithExif(12, 6);

        byte[] stored = PhotoMetadata.strip(PhotoType.JPEG, fromCamera);

        // Exif header, big-endian TIFF, IFD0 at 8 with one entry: 0x0112 SHORT x1 = 6, no next IFD
        byte[] orientationOnly = TestImages.jpegSegment(0xE1, concat("Exif\0\0".getBytes(StandardCharsets.US_ASCII),
                new byte[] {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0}));
        assertThat(stored).isEqualTo(TestImages.insertAfterJfif(TestImages.jpeg(12), orientationOnly));
        assertThat(TestImages.indexOf(stored, CAMERA)).isNegative();
        assertThat(TestImages.indexOf(stored, LATITUDE)).isNegative();
        assertThat(TestImages.indexOf(stored, LONGITUDE)).isNegative();
    }

    @Test
    void aJpegLosesXmpCommentsIptcAndWhateverFollowsItsEnd() {
        byte[] plain = TestImages.jpeg(13);
        byte[] xmp = TestImages.jpegSegment(0xE1, "http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>Paris</x:xmpmeta>"
                .getBytes(StandardCharsets.US_ASCII));
        byte[] comment = TestImages.jpegSegment(0xFE, "taken at 12 Rue Example".getBytes(StandardCharsets.US_ASCII));
        byte[] iptc = TestImages.jpegSegment(0xED, "Photoshop 3.0\08BIM city=Paris".getBytes(StandardCharsets.US_ASCII));
        byte[] decorated = concat(TestImages.insertAfterJfif(plain, concat(xmp, comment, iptc)),
                "trailing secrets".getBytes(StandardCharsets.US_ASCII));

        assertThat(PhotoMetadata.strip(PhotoType.JPEG, decorated)).isEqualTo(plain);
    }

    @Test
    void aPngLosesItsExifAndTextChunksAndWhateverFollowsItsEnd() {
        byte[] plain = TestImages.png(14);
        byte[] exif = TestImages.pngChunk("eXIf", TestImages.exif(1));
        byte[] text = TestImages.pngChunk("tEXt", "Comment\0taken at home".getBytes(StandardCharsets.ISO_8859_1));
        int afterHeader = 8 + 25; // signature, then IHDR (13 bytes of data)
        byte[] decorated = concat(Arrays.copyOfRange(plain, 0, afterHeader), exif, text,
                Arrays.copyOfRange(plain, afterHeader, plain.length), "trailing".getBytes(StandardCharsets.US_ASCII));

        byte[] stored = PhotoMetadata.strip(PhotoType.PNG, decorated);

        assertThat(stored).isEqualTo(plain);
        assertThat(TestImages.indexOf(stored, CAMERA)).isNegative();
    }

    @Test
    void aWebpLosesItsExifAndXmpChunksAndTheirFlags() {
        byte[] lossless = TestImages.webpChunk("VP8L", "odd-sized image".getBytes(StandardCharsets.US_ASCII));
        // VP8X: flags (EXIF 0x08 and XMP 0x04 set, alpha 0x10 too), 3 reserved bytes, canvas 8 x 8 minus one
        byte[] header = {0x1C, 0, 0, 0, 7, 0, 0, 7, 0, 0};
        byte[] fromCamera = TestImages.riff(TestImages.webpChunk("VP8X", header), lossless,
                TestImages.webpChunk("EXIF", TestImages.exif(1)),
                TestImages.webpChunk("XMP ", "<x:xmpmeta>Paris</x:xmpmeta>".getBytes(StandardCharsets.US_ASCII)));

        byte[] stored = PhotoMetadata.strip(PhotoType.WEBP, fromCamera);

        byte[] cleared = {0x10, 0, 0, 0, 7, 0, 0, 7, 0, 0};
        assertThat(stored).isEqualTo(TestImages.riff(TestImages.webpChunk("VP8X", cleared), lossless));
        assertThat(TestImages.indexOf(stored, CAMERA)).isNegative();
    }

    @Test
    void photosWithoutMetadataAreStoredAsSent() {
        assertThat(PhotoMetadata.strip(PhotoType.JPEG, TestImages.jpeg(15))).isEqualTo(TestImages.jpeg(15));
        assertThat(PhotoMetadata.strip(PhotoType.PNG, TestImages.png(15))).isEqualTo(TestImages.png(15));
        assertThat(PhotoMetadata.strip(PhotoType.WEBP, TestImages.webp(15))).isEqualTo(TestImages.webp(15));
    }

    @Test
    void aBrokenStructureIsRefusedAsNotAWellFormedImage() {
        byte[] jpeg = TestImages.jpeg(16);
        byte[] png = TestImages.png(16);
        byte[] webp = TestImages.webp(16);

        assertMalformed(PhotoType.JPEG, Arrays.copyOf(jpeg, jpeg.length - 2)); // no end of image
        assertMalformed(PhotoType.JPEG, Arrays.copyOf(jpeg, 30)); // a segment cut short
        assertMalformed(PhotoType.PNG, Arrays.copyOf(png, png.length - 12)); // no IEND
        assertMalformed(PhotoType.WEBP, Arrays.copyOf(webp, webp.length - 1)); // the RIFF size runs past the end
    }

    private static void assertMalformed(PhotoType type, byte[] bytes) {
        assertThatThrownBy(() -> PhotoMetadata.strip(type, bytes))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.kind()).isEqualTo(ProblemKind.UNSUPPORTED_MEDIA_TYPE))
                .hasMessageContaining("not a well-formed " + type.contentType());
    }
}
