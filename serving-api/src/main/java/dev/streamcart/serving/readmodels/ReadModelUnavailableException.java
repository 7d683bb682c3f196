package dev.streamcart.serving.readmodels;

import dev.streamcart.serving.problems.DomainException;
import dev.streamcart.serving.problems.ProblemKind;

/** No instance of a Streams app answered in time: the client may retry (503). */
public final class ReadModelUnavailableException extends DomainException {

    public ReadModelUnavailableException(String message) {
        super(ProblemKind.UNAVAILABLE, message);
    }
}
