package dev.streamcart.serving.recommendations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.streamcart.apiclient.ApiClient;
import dev.streamcart.serving.testing.ApiServerExtension;
import dev.streamcart.serving.testing.Storefront;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Models promoted (and experiments started) while requests keep coming: every request is answered 200. */
class ModelSwapUnderLoadTest {

    @RegisterExtension
    static final ApiServerExtension SERVER = ApiServerExtension.withPostgres();

    private static final int CLIENTS = 4;
    private static final int SWAPS = 6;

    @Test
    void swappingModelsUnderLoadFailsNoRequest() throws Exception {
        Storefront shop = SERVER.storefront();
        long seller = shop.seller();
        long category = shop.category();
        List<Long> products = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            products.add(shop.product(seller, category, "2.00"));
        }
        List<Long> users = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            users.add(shop.user());
        }
        ApiClient admin = SERVER.admin();
        ModelFolders folders = new ModelFolders(SERVER.modelsDir());

        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger requests = new AtomicInteger();
        List<String> failures = new ArrayList<>();
        Set<String> versionsSeen = ConcurrentHashMap.newKeySet();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> loops = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            loops.add(clients.submit(() -> {
                int n = 0;
                while (running.get()) {
                    long user = users.get((client + n++) % users.size());
                    ApiClient.Response response = admin.get("/api/recommendations/" + user + "?limit=3");
                    requests.incrementAndGet();
                    if (response.status() != 200) {
                        synchronized (failures) {
                            failures.add(response.toString());
                        }
                    } else {
                        versionsSeen.add(response.json().path("modelVersion").asText());
                    }
                }
            }));
        }
        try {
            for (int swap = 0; swap < SWAPS; swap++) {
                String version = "v20261126-16%02d00-000".formatted(swap);
                Map<Long, float[]> userFactors = new HashMap<>();
                users.forEach(user -> userFactors.put(user, new float[] {1f, (float) Math.random()}));
                Map<Long, float[]> itemFactors = new HashMap<>();
                products.forEach(product -> itemFactors.put(product, new float[] {(float) Math.random(), 1f}));
                folders.write(version, userFactors, itemFactors, Map.of(products.get(0), 1.0));
                if (swap % 2 == 0) {
                    folders.promote(version);
                } else {
                    folders.experiment(version, 0.5); // half the users move to this version as variant B
                }
                int before = requests.get();
                admin.post("/api/admin/models/reload", "");
                // keep swapping only while requests are in flight
                await().atMost(Duration.ofSeconds(10)).until(() -> requests.get() >= before + 20);
            }
        } finally {
            running.set(false);
            for (Future<?> loop : loops) {
                loop.get();
            }
            clients.shutdown();
        }

        assertThat(failures).isEmpty();
        assertThat(requests.get()).isGreaterThan(SWAPS * 20);
        // the promoted versions were all served (experiment versions only to users whose hash falls in B)
        assertThat(versionsSeen).contains("v20261126-160000-000", "v20261126-160200-000", "v20261126-160400-000");
    }
}
