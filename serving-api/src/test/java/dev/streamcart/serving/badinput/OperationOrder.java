package dev.streamcart.serving.badinput;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The order in which the matrix and the fuzzer call operations, so that what a successful call
 * changes harms no later call: reads first, then writes, then moves of cart lines, then what
 * removes or closes what others use (deletes, cancels, voids, checkout), then registering a seller
 * (a customer who does becomes a seller) and, last, logging out (which ends the caller's token).
 * Within a phase, the document's order.
 */
final class OperationOrder {

    private OperationOrder() {
    }

    static List<DocumentedOperation> sorted(List<DocumentedOperation> operations) {
        List<DocumentedOperation> sorted = new ArrayList<>(operations);
        sorted.sort(Comparator.comparingInt(OperationOrder::phase));
        return sorted;
    }

    private static int phase(DocumentedOperation operation) {
        String path = operation.path();
        boolean post = operation.method().equals("POST");
        if (post && path.equals("/api/auth/logout")) {
            return 5;
        }
        if (post && path.equals("/api/sellers")) {
            return 4;
        }
        if (operation.method().equals("DELETE") || path.endsWith("/cancel") || path.endsWith("/payments/void")
                || path.equals("/api/cart/checkout")) {
            return 3;
        }
        if (path.endsWith("/save-for-later") || path.endsWith("/move-to-cart")) {
            return 2;
        }
        return operation.writes() ? 1 : 0;
    }
}
