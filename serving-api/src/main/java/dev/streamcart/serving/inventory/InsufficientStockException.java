package dev.streamcart.serving.inventory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.streamcart.serving.problems.DomainException;
import dev.streamcart.serving.problems.ProblemKind;

/** An order asks for more units than are available; the problem lists each short product. */
public final class InsufficientStockException extends DomainException {

    private static final long serialVersionUID = 1L;

    public InsufficientStockException(List<Shortage> shortages) {
        super(ProblemKind.INSUFFICIENT_STOCK, describe(shortages), Map.of("shortages", members(shortages)));
    }

    private static String describe(List<Shortage> shortages) {
        return shortages.stream()
                .map(s -> "product " + s.productId() + ": " + s.requested() + " requested, " + s.available() + " available")
                .collect(Collectors.joining("; ", "not enough stock for ", ""));
    }

    private static List<Map<String, Object>> members(List<Shortage> shortages) {
        return shortages.stream().map(s -> {
            Map<String, Object> member = new LinkedHashMap<>();
            member.put("productId", s.productId());
            member.put("requested", s.requested());
            member.put("available", s.available());
            return member;
        }).toList();
    }
}
