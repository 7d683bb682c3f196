package dev.streamcart.serving.photos;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import javax.imageio.ImageIO;

/** Real images made in memory (PNG and JPEG by ImageIO), and a minimal WebP container. */
public final class TestImages {

    private TestImages() {}

    public static byte[] png(int seed) {
        return encode("png", seed);
    }

    public static byte[] jpeg(int seed) {
        return encode("jpg", seed);
    }

    /** A RIFF/WEBP container with a lossless chunk header; enough for magic-byte detection. */
    public static byte[] webp(int seed) {
        byte[] payload = ("VP8L" + "payload-" + seed).getBytes(StandardCharsets.US_ASCII);
        ByteBuffer buffer = ByteBuffer.allocate(12 + payload.length).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(4 + payload.length)
                .put("WEBP".getBytes(StandardCharsets.US_ASCII)).put(payload);
        return buffer.array();
    }

    public static byte[] gif() {
        return encode("gif", 1);
    }

    private static byte[] encode(String format, int seed) {
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        image.setRGB(seed % 8, (seed / 8) % 8, new Color(seed * 37 % 256, 120, 200).getRGB());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
