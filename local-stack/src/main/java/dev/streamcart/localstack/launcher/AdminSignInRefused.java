package dev.streamcart.localstack.launcher;

/**
 * The running platform does not let the operator account in with the password a command has, so
 * the command stops before it changes anything. The message is the whole explanation for the
 * operator: what was refused and what to do.
 */
public final class AdminSignInRefused extends RuntimeException {

    public AdminSignInRefused(String message) {
        super(message);
    }
}
