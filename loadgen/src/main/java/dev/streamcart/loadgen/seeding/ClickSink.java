package dev.streamcart.loadgen.seeding;

import dev.streamcart.schemas.clickstream.ClickEvent;

/** Where seeded click events go: the clickstream topic in a seed, a list in the tests. */
interface ClickSink extends AutoCloseable {

    void send(ClickEvent event);

    /** Waits until every event sent so far is acknowledged; throws when any could not be delivered. */
    void flush();

    @Override
    void close();
}
