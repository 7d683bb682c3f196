package dev.streamcart.serving.photos;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

/**
 * Real images made in memory (PNG and JPEG by ImageIO), a minimal WebP container, and the same
 * images with metadata a phone camera writes: EXIF with the camera's make and a GPS position.
 */
public final class TestImages {

    /** The camera make written into {@link #exif}. */
    public static final String CAMERA = "StreamCart Test Camera";
    /** Where {@link #exif} says the photo was taken: 48 deg 51' 29.60" N, 2 deg 17' 40.00" E. */
    public static final long[] LATITUDE = {48, 1, 51, 1, 2960, 100};
    public static final long[] LONGITUDE = {2, 1, 17, 1, 4000, 100};

    private static final int EXIF_ASCII = 2;
    private static final int EXIF_SHORT = 3;
    private static final int EXIF_LONG = 4;
    private static final int EXIF_RATIONAL = 5;

    private TestImages() {}

    public static byte[] png(int seed) {
        return encode("png", seed);
    }

    public static byte[] jpeg(int seed) {
        return encode("jpg", seed);
    }

    /**
     * A RIFF/WEBP container holding one lossless ({@code VP8L}) chunk of filler: well-formed chunks,
     * enough for magic-byte detection and metadata removal, though no decoder would draw it.
     */
    public static byte[] webp(int seed) {
        return riff(webpChunk("VP8L", ("payload-" + seed).getBytes(StandardCharsets.US_ASCII)));
    }

    /** A WebP container of the given chunks (each made by {@link #webpChunk}). */
    public static byte[] riff(byte[]... chunks) {
        int size = 4;
        for (byte[] chunk : chunks) {
            size += chunk.length;
        }
        ByteBuffer buffer = ByteBuffer.allocate(8 + size).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(size).put("WEBP".getBytes(StandardCharsets.US_ASCII));
        for (byte[] chunk : chunks) {
            buffer.put(chunk);
        }
        return buffer.array();
    }

    /** A WebP chunk: FourCC, little-endian size, data, and a padding byte when the size is odd. */
    public static byte[] webpChunk(String fourCc, byte[] data) {
        ByteBuffer buffer = ByteBuffer.allocate(8 + data.length + (data.length & 1)).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(fourCc.getBytes(StandardCharsets.US_ASCII)).putInt(data.length).put(data);
        return buffer.array();
    }

    /** {@link #jpeg} with an EXIF segment (camera, orientation, GPS position) after its JFIF header. */
    public static byte[] jpegWithExif(int seed, int orientation) {
        return insertAfterJfif(jpeg(seed), jpegSegment(0xE1, concat("Exif\0\0".getBytes(StandardCharsets.US_ASCII),
                exif(orientation))));
    }

    /** {@code segment} (marker included) inserted after the SOI and JFIF APP0 of {@code jpeg}. */
    public static byte[] insertAfterJfif(byte[] jpeg, byte[] segment) {
        if ((jpeg[2] & 0xFF) != 0xFF || (jpeg[3] & 0xFF) != 0xE0) {
            throw new IllegalArgumentException("not a JPEG that starts with a JFIF APP0");
        }
        int afterJfif = 4 + (((jpeg[4] & 0xFF) << 8) | (jpeg[5] & 0xFF));
        return concat(Arrays.copyOfRange(jpeg, 0, afterJfif), segment,
                Arrays.copyOfRange(jpeg, afterJfif, jpeg.length));
    }

    /** A JPEG marker segment: FF, the marker, a length that counts itself, the data. */
    public static byte[] jpegSegment(int marker, byte[] data) {
        ByteBuffer buffer = ByteBuffer.allocate(4 + data.length);
        buffer.put((byte) 0xFF).put((byte) marker).putShort((short) (2 + data.length)).put(data);
        return buffer.array();
    }

    /** A PNG chunk with its CRC. */
    public static byte[] pngChunk(String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        ByteBuffer buffer = ByteBuffer.allocate(12 + data.length);
        buffer.putInt(data.length).put(typeBytes).put(data).putInt((int) crc.getValue());
        return buffer.array();
    }

    /**
     * A big-endian TIFF block as EXIF holds it: IFD0 with the camera's make, the orientation and a
     * pointer to the GPS IFD, which holds latitude and longitude.
     */
    public static byte[] exif(int orientation) {
        byte[] make = (CAMERA + "\0").getBytes(StandardCharsets.US_ASCII);
        int ifd0 = 8;
        int makeAt = ifd0 + 2 + 3 * 12 + 4;
        int gpsIfd = makeAt + make.length + (make.length & 1);
        int latitudeAt = gpsIfd + 2 + 4 * 12 + 4;
        int longitudeAt = latitudeAt + 24;
        ByteBuffer tiff = ByteBuffer.allocate(longitudeAt + 24).order(ByteOrder.BIG_ENDIAN);
        tiff.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(ifd0);
        tiff.putShort((short) 3);
        entry(tiff, 0x010F, EXIF_ASCII, make.length, makeAt);
        tiff.putShort((short) 0x0112).putShort((short) EXIF_SHORT).putInt(1).putShort((short) orientation).putShort((short) 0);
        entry(tiff, 0x8825, EXIF_LONG, 1, gpsIfd);
        tiff.putInt(0);
        tiff.put(make);
        tiff.position(gpsIfd);
        tiff.putShort((short) 4);
        tiff.putShort((short) 0x0001).putShort((short) EXIF_ASCII).putInt(2).put((byte) 'N').put((byte) 0).putShort((short) 0);
        entry(tiff, 0x0002, EXIF_RATIONAL, 3, latitudeAt);
        tiff.putShort((short) 0x0003).putShort((short) EXIF_ASCII).putInt(2).put((byte) 'E').put((byte) 0).putShort((short) 0);
        entry(tiff, 0x0004, EXIF_RATIONAL, 3, longitudeAt);
        tiff.putInt(0);
        tiff.put(rationals(LATITUDE)).put(rationals(LONGITUDE));
        return tiff.array();
    }

    /** Rationals as TIFF stores them: numerator and denominator, 4 bytes each, big-endian. */
    public static byte[] rationals(long[] numbersAndDenominators) {
        ByteBuffer buffer = ByteBuffer.allocate(4 * numbersAndDenominators.length);
        for (long value : numbersAndDenominators) {
            buffer.putInt((int) value);
        }
        return buffer.array();
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static void entry(ByteBuffer tiff, int tag, int type, int count, int offset) {
        tiff.putShort((short) tag).putShort((short) type).putInt(count).putInt(offset);
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

    /** Where {@code needle} first starts in {@code haystack}, or -1: a stored photo must not hold a fixture's metadata bytes. */
    public static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
