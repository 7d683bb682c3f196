package dev.streamcart.serving.testing;

import java.time.Duration;
import java.util.Objects;

import javax.sql.DataSource;

import dev.streamcart.serving.payments.Authorization;
import dev.streamcart.serving.payments.AuthorizationRequest;
import dev.streamcart.serving.payments.CaptureRequest;
import dev.streamcart.serving.payments.PaymentGateway;
import dev.streamcart.serving.payments.RefundRequest;
import dev.streamcart.serving.payments.SimulatedPaymentGateway;
import dev.streamcart.serving.payments.VoidRequest;

/**
 * A payment gateway that passes every call on to the simulator, for a test's double to override the
 * calls it watches; with a look at the test's database, such as whether a row is locked during a call.
 */
public abstract class ForwardingGateway implements PaymentGateway {

    private final SimulatedPaymentGateway provider = new SimulatedPaymentGateway(Duration.ofMillis(5));
    protected final DataSource database;

    protected ForwardingGateway(DataSource database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    @Override
    public Authorization authorize(AuthorizationRequest request) {
        return provider.authorize(request);
    }

    @Override
    public String capture(CaptureRequest request) {
        return provider.capture(request);
    }

    @Override
    public void voidAuthorization(VoidRequest request) {
        provider.voidAuthorization(request);
    }

    @Override
    public String refund(RefundRequest request) {
        return provider.refund(request);
    }

    /** The simulator behind this gateway, for what it counted. */
    public SimulatedPaymentGateway provider() {
        return provider;
    }

    /** Tries the lock from a connection of its own, and lets it go at once. */
    protected boolean lockable(String selectForUpdateNowait, Object key) {
        return RowLocks.lockable(database, selectForUpdateNowait, key);
    }
}
