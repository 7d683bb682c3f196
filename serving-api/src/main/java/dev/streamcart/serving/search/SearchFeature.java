package dev.streamcart.serving.search;

import java.time.Duration;

import dev.streamcart.serving.admission.WriteAdmission;
import dev.streamcart.serving.wiring.ApiInfrastructure;
import dev.streamcart.serving.wiring.Feature;
import io.javalin.config.RoutesConfig;

/** Search: full text, filters and facets over PostgreSQL (public). */
public final class SearchFeature implements Feature {

    private final SearchEndpoints endpoints;

    /** Totals and facet counts of a filter may be {@code facetCacheTtl} old (the items never are); zero turns that off. */
    public SearchFeature(ApiInfrastructure infrastructure, Duration facetCacheTtl) {
        this.endpoints = new SearchEndpoints(new ProductSearch(infrastructure.transactions(), facetCacheTtl),
                infrastructure.clickstream());
    }

    @Override
    public void declare(RoutesConfig routes, WriteAdmission writes) {
        routes.get("/api/search", endpoints::search);
    }
}
