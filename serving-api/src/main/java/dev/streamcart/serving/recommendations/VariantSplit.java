package dev.streamcart.serving.recommendations;

/**
 * Splits users between A and B by a stable hash of the user id: MurmurHash3's 64-bit finaliser
 * (fmix64), whose output bits are uniform even for consecutive ids, read as a fraction of the hash
 * space. The same user is in the same variant on every request, in every process, for a given share,
 * and raising the share only moves users from A to B.
 */
final class VariantSplit {

    private VariantSplit() {}

    static boolean inExperiment(long userId, double share) {
        return fraction(userId) < share;
    }

    /** The user's place in [0, 1). */
    static double fraction(long userId) {
        return (fmix64(userId) >>> 11) * 0x1.0p-53;
    }

    static long fmix64(long key) {
        long k = key;
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }
}
