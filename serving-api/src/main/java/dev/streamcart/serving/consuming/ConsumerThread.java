package dev.streamcart.serving.consuming;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of one topic reader ({@link TopicBatchConsumer}, the read models' change feeds): a daemon
 * thread that alone uses its {@link KafkaConsumer} (the client is not thread-safe) and runs a loop
 * until {@link #close()}. Closing wakes a blocked poll and waits for the thread to let the consumer
 * go; a reader that never started has its consumer closed by {@link #close()} itself.
 */
public final class ConsumerThread implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConsumerThread.class);

    private final KafkaConsumer<?, ?> consumer;
    private final String readerName;
    private final Runnable loop;
    private final Thread thread;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;

    /**
     * @param readerName how logs name the reader ("stock-alerts consumer")
     * @param loop       polls {@code consumer} while {@link #isRunning()}; a {@link WakeupException} from a poll
     *                   is how {@link #close()} stops it
     */
    public ConsumerThread(KafkaConsumer<?, ?> consumer, String threadName, String readerName, Runnable loop) {
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        this.readerName = Objects.requireNonNull(readerName, "readerName");
        this.loop = Objects.requireNonNull(loop, "loop");
        this.thread = new Thread(this::run, Objects.requireNonNull(threadName, "threadName"));
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** False once {@link #close()} was called or the thread was interrupted. */
    public boolean isRunning() {
        return running;
    }

    /** Waits before a retry; an interrupt stops the reader instead. */
    public void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private void run() {
        try {
            loop.run();
        } catch (WakeupException e) {
            // close() asked us to stop
        } catch (RuntimeException e) {
            LOG.error("{} stopped on an unexpected failure", readerName, e);
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
            stopped.countDown();
        }
    }

    @Override
    public void close() {
        running = false;
        if (!thread.isAlive() && stopped.getCount() > 0) {
            // never started: nothing polls, so close the consumer here
            consumer.close(CloseOptions.timeout(Duration.ZERO));
            stopped.countDown();
            return;
        }
        consumer.wakeup();
        try {
            if (thread.isAlive() && !stopped.await(10, TimeUnit.SECONDS)) {
                LOG.warn("{} did not stop within 10 s", readerName);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
