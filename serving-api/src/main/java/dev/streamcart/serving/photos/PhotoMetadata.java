package dev.streamcart.serving.photos;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;

import dev.streamcart.serving.problems.DomainException;
import dev.streamcart.serving.problems.ProblemKind;

/**
 * Removes from an uploaded photo what it says about where, when and with what it was taken, before
 * it is stored or served: EXIF (GPS position, camera make and serial number, date, the thumbnail of
 * the uncropped picture), XMP, IPTC, comments, text chunks, and any bytes after the image's end.
 *
 * <p>It works on the file's structure, not on its pixels: each format is a list of segments or
 * chunks, and only those a decoder needs to draw the image the same way are copied (a list of what
 * to keep, so a kind of metadata nobody thought of is dropped too). The image data itself is copied
 * byte for byte. Re-encoding with {@code javax.imageio} would drop the metadata as well, but it
 * costs a JPEG generation of quality and its colour profile, has to decode every pixel first (a
 * 5 MiB file can declare a hundred million of them), and the JDK has no WebP codec at all.
 *
 * <ul>
 *   <li>JPEG keeps its tables, frames and scans, the JFIF header (without a thumbnail), the ICC
 *       colour profile and the Adobe colour-transform segment. The EXIF orientation alone survives,
 *       as a minimal EXIF segment of one tag, so a phone photo still shows upright.</li>
 *   <li>PNG keeps its image, palette, transparency and colour chunks, and animation frames.</li>
 *   <li>WebP keeps its image, alpha, animation and ICC chunks, and the extended header with its
 *       EXIF and XMP flags cleared.</li>
 * </ul>
 * A file whose structure is broken (a length that runs past the end, no end of image) is refused
 * as 415: it is not a well-formed photo of its type.
 */
public final class PhotoMetadata {

    private static final byte[] JFIF = "JFIF\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EXIF = "Exif\0\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ICC_PROFILE = "ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ADOBE = "Adobe".getBytes(StandardCharsets.US_ASCII);
    private static final int JPEG_APP0 = 0xE0;
    private static final int JPEG_APP1 = 0xE1;
    private static final int JPEG_APP2 = 0xE2;
    private static final int JPEG_APP14 = 0xEE;
    private static final int JPEG_APP15 = 0xEF;
    private static final int JPEG_COM = 0xFE;
    private static final int JPEG_SOS = 0xDA;
    private static final int JPEG_EOI = 0xD9;
    private static final int EXIF_ORIENTATION = 0x0112;
    private static final int TIFF_SHORT = 3;

    // what a PNG decoder needs to draw the picture as meant; text, time and eXIf chunks are not here
    private static final Set<String> PNG_KEPT = Set.of("IHDR", "PLTE", "IDAT", "IEND", "tRNS", "cHRM", "gAMA",
            "iCCP", "sBIT", "sRGB", "cICP", "mDCv", "cLLi", "bKGD", "pHYs", "hIST", "acTL", "fcTL", "fdAT");
    private static final Set<String> WEBP_KEPT = Set.of("VP8 ", "VP8L", "VP8X", "ALPH", "ANIM", "ANMF", "ICCP");
    // VP8X flags byte: Rsv Rsv ICC Alpha EXIF XMP Animation Rsv
    private static final int WEBP_EXIF_AND_XMP_FLAGS = 0x08 | 0x04;

    private PhotoMetadata() {}

    /**
     * {@code bytes} without metadata; the same bytes when there was none. {@code type} is what
     * {@link PhotoType#detect} found in them.
     */
    public static byte[] strip(PhotoType type, byte[] bytes) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(bytes, "bytes");
        return switch (type) {
            case JPEG -> jpeg(bytes);
            case PNG -> png(bytes);
            case WEBP -> webp(bytes);
        };
    }

    // ---- JPEG: SOI, then marker segments (FF xx, a 2-byte length that counts itself); after SOS the
    // entropy-coded scan runs to the next marker that is neither a stuffed FF00 nor a restart FFD0-FFD7

    private static byte[] jpeg(byte[] in) {
        int n = in.length;
        ByteArrayOutputStream body = new ByteArrayOutputStream(n);
        int afterJfif = -1; // where the orientation segment goes: after JFIF's APP0 when that comes first
        int orientation = 1;
        int pos = 2; // after SOI, which PhotoType.detect checked
        while (true) {
            if (pos >= n || (in[pos] & 0xFF) != 0xFF) {
                throw malformed(PhotoType.JPEG, "no marker at byte " + pos);
            }
            while (pos < n && (in[pos] & 0xFF) == 0xFF) {
                pos++; // fill bytes before a marker
            }
            if (pos >= n) {
                throw malformed(PhotoType.JPEG, "the image ends inside a marker");
            }
            int marker = in[pos++] & 0xFF;
            if (marker == JPEG_EOI) {
                body.write(0xFF);
                body.write(JPEG_EOI);
                break; // whatever follows the end of the image is dropped
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                body.write(0xFF);
                body.write(marker); // TEM or a restart marker: no length, nothing to judge
                continue;
            }
            if (marker == 0x00 || marker == 0xD8) {
                throw malformed(PhotoType.JPEG, "unexpected marker FF" + hex(marker) + " at byte " + (pos - 2));
            }
            if (pos + 2 > n) {
                throw malformed(PhotoType.JPEG, "a segment length runs past the end");
            }
            int length = ((in[pos] & 0xFF) << 8) | (in[pos + 1] & 0xFF);
            int dataStart = pos + 2;
            int end = pos + length;
            if (length < 2 || end > n) {
                throw malformed(PhotoType.JPEG, "the segment FF" + hex(marker) + " at byte " + (pos - 2)
                        + " runs past the end");
            }
            if (marker == JPEG_APP0) {
                if (startsWith(in, dataStart, end, JFIF) && end - dataStart >= 14) {
                    writeJfifWithoutThumbnail(body, in, dataStart);
                    if (body.size() == 18) {
                        afterJfif = body.size();
                    }
                }
            } else if (marker == JPEG_APP1) {
                if (startsWith(in, dataStart, end, EXIF)) {
                    orientation = exifOrientation(in, dataStart + EXIF.length, end);
                }
            } else if ((marker == JPEG_APP2 && startsWith(in, dataStart, end, ICC_PROFILE))
                    || (marker == JPEG_APP14 && startsWith(in, dataStart, end, ADOBE))
                    || (!(marker >= JPEG_APP0 && marker <= JPEG_APP15) && marker != JPEG_COM)) {
                // the colour profile, Adobe's colour transform, and every non-metadata segment
                body.write(0xFF);
                body.write(marker);
                body.write(in, pos, length);
            }
            pos = end;
            if (marker == JPEG_SOS) {
                int scanEnd = scanEnd(in, pos);
                body.write(in, pos, scanEnd - pos);
                pos = scanEnd;
            }
        }
        byte[] kept = body.toByteArray();
        byte[] orientationSegment = orientation == 1 ? new byte[0] : exifWithOrientationOnly(orientation);
        int split = afterJfif < 0 ? 0 : afterJfif;
        ByteArrayOutputStream out = new ByteArrayOutputStream(2 + orientationSegment.length + kept.length);
        out.write(0xFF);
        out.write(0xD8);
        out.write(kept, 0, split);
        out.write(orientationSegment, 0, orientationSegment.length);
        out.write(kept, split, kept.length - split);
        return out.toByteArray();
    }

    private static int scanEnd(byte[] in, int from) {
        int i = from;
        while (i + 1 < in.length) {
            if ((in[i] & 0xFF) == 0xFF) {
                int next = in[i + 1] & 0xFF;
                if (next == 0x00 || (next >= 0xD0 && next <= 0xD7)) {
                    i += 2; // a stuffed data byte or a restart marker: still the scan
                    continue;
                }
                if (next != 0xFF) {
                    return i;
                }
            }
            i++;
        }
        throw malformed(PhotoType.JPEG, "the scan data has no end");
    }

    /** JFIF's APP0 with its thumbnail (an RGB picture of the photo) left out. */
    private static void writeJfifWithoutThumbnail(ByteArrayOutputStream out, byte[] in, int dataStart) {
        out.write(0xFF);
        out.write(JPEG_APP0);
        out.write(0);
        out.write(16);
        out.write(in, dataStart, 12); // "JFIF\0", version, units, x and y density
        out.write(0); // thumbnail width
        out.write(0); // thumbnail height
    }

    /**
     * The orientation tag (1 to 8) of IFD0 of an EXIF block, or 1 (as stored) when there is none
     * or the block is broken: a broken EXIF is dropped with the rest, never a reason to refuse.
     */
    private static int exifOrientation(byte[] in, int tiff, int end) {
        if (tiff + 8 > end) {
            return 1;
        }
        boolean bigEndian;
        if (in[tiff] == 'M' && in[tiff + 1] == 'M') {
            bigEndian = true;
        } else if (in[tiff] == 'I' && in[tiff + 1] == 'I') {
            bigEndian = false;
        } else {
            return 1;
        }
        long ifd = tiff + unsigned32(in, tiff + 4, bigEndian);
        if (ifd + 2 > end) {
            return 1;
        }
        int entries = unsigned16(in, (int) ifd, bigEndian);
        for (int entry = 0; entry < entries; entry++) {
            int at = (int) ifd + 2 + entry * 12;
            if (at + 12 > end) {
                return 1;
            }
            if (unsigned16(in, at, bigEndian) == EXIF_ORIENTATION && unsigned16(in, at + 2, bigEndian) == TIFF_SHORT) {
                int value = unsigned16(in, at + 8, bigEndian);
                return value >= 1 && value <= 8 ? value : 1;
            }
        }
        return 1;
    }

    /** An APP1 segment holding EXIF with one tag, the orientation: no position, camera or date. */
    private static byte[] exifWithOrientationOnly(int orientation) {
        byte[] tiff = {
                'M', 'M', 0, 42, 0, 0, 0, 8, // big-endian TIFF header, IFD0 at offset 8
                0, 1, // one entry
                0x01, 0x12, 0, TIFF_SHORT, 0, 0, 0, 1, 0, (byte) orientation, 0, 0, // orientation, SHORT, 1 value
                0, 0, 0, 0}; // no further IFD
        int length = 2 + EXIF.length + tiff.length;
        byte[] segment = new byte[2 + length];
        segment[0] = (byte) 0xFF;
        segment[1] = (byte) JPEG_APP1;
        segment[2] = (byte) (length >> 8);
        segment[3] = (byte) length;
        System.arraycopy(EXIF, 0, segment, 4, EXIF.length);
        System.arraycopy(tiff, 0, segment, 4 + EXIF.length, tiff.length);
        return segment;
    }

    // ---- PNG: the 8-byte signature, then chunks (4-byte length, 4-byte type, data, CRC) up to IEND

    private static byte[] png(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        out.write(in, 0, 8);
        int pos = 8;
        while (pos + 12 <= in.length) {
            long length = unsigned32(in, pos, true);
            if (length > in.length - pos - 12L) {
                throw malformed(PhotoType.PNG, "the chunk at byte " + pos + " runs past the end");
            }
            String type = new String(in, pos + 4, 4, StandardCharsets.ISO_8859_1);
            int end = pos + 12 + (int) length;
            if (PNG_KEPT.contains(type)) {
                out.write(in, pos, end - pos); // the CRC covers type and data only: still right
            }
            pos = end;
            if (type.equals("IEND")) {
                return out.toByteArray(); // whatever follows the end of the image is dropped
            }
        }
        throw malformed(PhotoType.PNG, "there is no IEND chunk");
    }

    // ---- WebP: "RIFF", the RIFF size, "WEBP", then chunks (FourCC, 4-byte little-endian size, data,
    // a padding byte when the size is odd)

    private static byte[] webp(byte[] in) {
        if (in.length < 12) {
            throw malformed(PhotoType.WEBP, "the RIFF header is incomplete");
        }
        long riffEnd = 8 + unsigned32(in, 4, false);
        if (riffEnd > in.length || riffEnd < 12) {
            throw malformed(PhotoType.WEBP, "the RIFF size " + (riffEnd - 8) + " does not fit the file");
        }
        ByteArrayOutputStream chunks = new ByteArrayOutputStream(in.length);
        int pos = 12;
        while (pos < riffEnd) {
            if (pos + 8 > riffEnd) {
                throw malformed(PhotoType.WEBP, "a chunk header at byte " + pos + " runs past the end");
            }
            String fourCc = new String(in, pos, 4, StandardCharsets.ISO_8859_1);
            long size = unsigned32(in, pos + 4, false);
            if (pos + 8 + size > riffEnd) {
                throw malformed(PhotoType.WEBP, "the chunk " + fourCc.trim() + " at byte " + pos + " runs past the end");
            }
            int dataEnd = pos + 8 + (int) size;
            if (WEBP_KEPT.contains(fourCc)) {
                byte[] chunk = Arrays.copyOfRange(in, pos, dataEnd);
                if (fourCc.equals("VP8X") && size > 0) {
                    chunk[8] = (byte) (chunk[8] & ~WEBP_EXIF_AND_XMP_FLAGS); // their chunks are not kept
                }
                chunks.write(chunk, 0, chunk.length);
                if ((size & 1) == 1) {
                    chunks.write(0);
                }
            }
            pos = (int) Math.min(dataEnd + (size & 1), riffEnd);
        }
        byte[] kept = chunks.toByteArray();
        if (kept.length == 0) {
            throw malformed(PhotoType.WEBP, "it holds no image chunk");
        }
        int riffSize = 4 + kept.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream(12 + kept.length);
        out.write(in, 0, 4);
        out.write(riffSize);
        out.write(riffSize >> 8);
        out.write(riffSize >> 16);
        out.write(riffSize >> 24);
        out.write(in, 8, 4);
        out.write(kept, 0, kept.length); // anything after the RIFF container is dropped
        return out.toByteArray();
    }

    // ---- helpers

    private static boolean startsWith(byte[] in, int from, int end, byte[] prefix) {
        return end - from >= prefix.length && Arrays.equals(in, from, from + prefix.length, prefix, 0, prefix.length);
    }

    private static int unsigned16(byte[] in, int at, boolean bigEndian) {
        int a = in[at] & 0xFF;
        int b = in[at + 1] & 0xFF;
        return bigEndian ? (a << 8) | b : (b << 8) | a;
    }

    private static long unsigned32(byte[] in, int at, boolean bigEndian) {
        long high = unsigned16(in, bigEndian ? at : at + 2, bigEndian);
        long low = unsigned16(in, bigEndian ? at + 2 : at, bigEndian);
        return (high << 16) | low;
    }

    private static String hex(int marker) {
        return String.format("%02X", marker);
    }

    private static DomainException malformed(PhotoType type, String why) {
        return new DomainException(ProblemKind.UNSUPPORTED_MEDIA_TYPE, "the bytes are not a well-formed "
                + type.contentType() + " image: " + why);
    }
}
