package dev.streamcart.serving;

import java.util.concurrent.atomic.AtomicBoolean;

import dev.streamcart.schemas.config.CommonKeys;
import dev.streamcart.schemas.config.Settings;
import dev.streamcart.schemas.runtime.ParentWatchdog;
import dev.streamcart.serving.db.Migrations;

/**
 * Entry point. {@code migrate} applies the PostgreSQL migrations and exits (the launcher runs it
 * before any service, since ingest-cdc needs the outbox table and the publication); {@code serve}
 * (the default) migrates, then serves until stopped, printing {@code STREAMCART READY serving-api}
 * once listening. Configuration: see {@link ServingApiConfig} and the module README.
 */
public final class ServingApiMain {

    public static final String READY_LINE = "STREAMCART READY serving-api";

    private ServingApiMain() {}

    public static void main(String[] args) {
        int exitCode = run(args, Settings.fromEnvironment());
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }

    /** Runs a command; returns the process exit code (0 also when {@code serve} keeps serving). */
    public static int run(String[] args, Settings settings) {
        String command = args.length == 0 ? "serve" : args[0];
        try {
            switch (command) {
                case "migrate" -> Migrations.apply(ServingApiConfig.from(settings).database());
                case "serve" -> serve(settings);
                default -> {
                    System.err.println("usage: ServingApiMain [serve|migrate]");
                    return 2;
                }
            }
            return 0;
        } catch (RuntimeException e) {
            System.err.println("serving-api " + command + " failed: " + e.getMessage());
            e.printStackTrace(System.err);
            return 1;
        }
    }

    private static void serve(Settings settings) {
        ParentWatchdog.watch(settings.getLong(CommonKeys.PARENT_PID, 0));
        ServingApi api = ServingApi.start(ServingApiConfig.from(settings));
        AtomicBoolean closed = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (closed.compareAndSet(false, true)) {
                api.close();
            }
        }, "serving-api-shutdown"));
        System.out.println(READY_LINE);
        System.out.flush();
    }
}
