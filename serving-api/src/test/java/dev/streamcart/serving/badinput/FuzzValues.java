package dev.streamcart.serving.badinput;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * The values the fuzzer puts where a valid one was: wrong JSON types, null, numeric boundaries
 * (0, -1, 2^31, 2^63, 1e308, numbers too long for any type), huge strings (100 kB), unicode that
 * trips careless code (emoji, right-to-left override, combining marks, NUL, an unpaired surrogate)
 * and injection strings (SQL, HTML, path traversal, JNDI lookups, CR LF). Each field gets a sample of
 * them, drawn with a seed made of the field's name, so every run sends the same requests.
 */
final class FuzzValues {

    /** A JSON text the fuzzer writes as it is (a number no Java type holds, ...) instead of a value. */
    static final String RAW = "RAW-LITERAL:";
    /** An unpaired surrogate: written as the JSON escape, since a raw one would become '?' in UTF-8. */
    static final String LONE_SURROGATE = "x\uD800y";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final long SEED = 20_260_015L;
    private static final String HUGE = "x".repeat(100_000);
    private static final String LONG_NUMBER = "9".repeat(400);

    static final List<String> TEXTS = List.of("", " ", HUGE, "\uD83D\uDE00\uD83D\uDED2", "\u202Eevil\u202C",
            "\u0645\u0631\u062D\u0628\u0627", "e\u0301\u0301\u0301\u0301", "a\u0000b", LONE_SURROGATE, "' OR 1=1--",
            "<script>alert(1)</script>", "../../etc/passwd", "${jndi:ldap://x}", "a\r\nX-Injected: 1", "-1", "0",
            "1e308", LONG_NUMBER, "NaN", "9223372036854775808", "true");

    private FuzzValues() {
    }

    /** Values for a JSON field: null and a wrong type always, then a sample of the rest. */
    static List<JsonNode> forJsonField(String field, int count) {
        List<JsonNode> pool = new ArrayList<>();
        pool.add(NODES.objectNode());
        pool.add(NODES.arrayNode());
        pool.add(NODES.arrayNode().add("a"));
        pool.add(NODES.booleanNode(true));
        pool.add(NODES.numberNode(0));
        pool.add(NODES.numberNode(-1));
        pool.add(NODES.numberNode(Integer.MAX_VALUE));
        pool.add(NODES.numberNode(2_147_483_648L));
        pool.add(NODES.numberNode(-2_147_483_649L));
        pool.add(NODES.numberNode(Long.MAX_VALUE));
        pool.add(NODES.numberNode(BigInteger.TWO.pow(63)));
        pool.add(NODES.numberNode(1e308));
        pool.add(NODES.numberNode(-1e308));
        pool.add(NODES.numberNode(1.5));
        pool.add(NODES.textNode(RAW + "1e400"));
        pool.add(NODES.textNode(RAW + "-0"));
        pool.add(NODES.textNode(RAW + LONG_NUMBER));
        TEXTS.forEach(text -> pool.add(NODES.textNode(text)));
        List<JsonNode> chosen = new ArrayList<>();
        chosen.add(NODES.nullNode());
        chosen.add(NODES.numberNode(42)); // a wrong type for most fields; for a number, a plausible value
        chosen.add(NODES.textNode("text"));
        chosen.addAll(sample(pool, count - chosen.size(), field));
        return chosen;
    }

    /** Values for a path, query or header parameter, before percent-encoding. */
    static List<String> forParameter(String parameter, int count) {
        List<String> pool = new ArrayList<>(TEXTS);
        pool.add("2147483648");
        pool.add("1.5");
        List<String> chosen = new ArrayList<>();
        chosen.add("abc"); // the wrong type of every parameter but a free text
        chosen.addAll(sample(pool, count - 1, parameter));
        return chosen;
    }

    private static <T> List<T> sample(List<T> pool, int count, String field) {
        List<T> shuffled = new ArrayList<>(pool);
        Collections.shuffle(shuffled, new Random(SEED ^ field.hashCode()));
        return shuffled.subList(0, Math.min(count, shuffled.size()));
    }
}
