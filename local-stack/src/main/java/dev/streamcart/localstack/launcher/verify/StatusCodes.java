package dev.streamcart.localstack.launcher.verify;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Order statuses as one byte each, so millions of orders hold a byte instead of a reference. A
 * code stands for one exact string, whether it came from PostgreSQL or from a read model, so equal
 * codes mean equal statuses, as comparing the strings would.
 */
final class StatusCodes {

    private final Map<String, Byte> codes = new HashMap<>();
    private final List<String> names = new ArrayList<>();

    byte code(String status) {
        Byte code = codes.get(status);
        if (code != null) {
            return code;
        }
        if (names.size() > Byte.MAX_VALUE) {
            throw new IllegalStateException("more than " + (Byte.MAX_VALUE + 1) + " distinct order statuses");
        }
        byte next = (byte) names.size();
        codes.put(status, next);
        names.add(status);
        return next;
    }

    String name(byte code) {
        return names.get(code);
    }
}
