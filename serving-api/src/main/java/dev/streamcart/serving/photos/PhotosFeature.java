package dev.streamcart.serving.photos;

import java.nio.file.Path;

import dev.streamcart.serving.admission.WriteAdmission;
import dev.streamcart.serving.wiring.Feature;
import io.javalin.config.RoutesConfig;

/** The content-addressed photo store on the local disk, and its public reads. */
public final class PhotosFeature implements Feature {

    private final PhotoStore store;
    private final PhotoEndpoints endpoints;

    public PhotosFeature(Path photosDir) {
        this.store = new LocalPhotoStore(photosDir);
        this.endpoints = new PhotoEndpoints(store);
    }

    /** Where review photos are kept. */
    public PhotoStore store() {
        return store;
    }

    @Override
    public void declare(RoutesConfig routes, WriteAdmission writes) {
        routes.get("/api/photos/{sha256}", endpoints::get);
    }
}
