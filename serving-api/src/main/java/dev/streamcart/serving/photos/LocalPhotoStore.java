package dev.streamcart.serving.photos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.Optional;

/**
 * Photos in a local folder, {@code <dir>/ab/cdef...} for SHA-256 {@code abcdef...} (the first two hex
 * digits fan the files out over 256 sub-folders). A photo is written to a temporary file in its
 * sub-folder and renamed into place, so a reader never sees half a photo and two concurrent uploads
 * of the same bytes both end with the one complete file.
 */
public final class LocalPhotoStore implements PhotoStore {

    private final Path root;

    public LocalPhotoStore(Path root) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath();
        try {
            Files.createDirectories(this.root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the photo folder " + this.root, e);
        }
    }

    public Path root() {
        return root;
    }

    @Override
    public PhotoId put(byte[] bytes) {
        PhotoId id = PhotoId.of(bytes);
        Path target = pathOf(id);
        if (Files.exists(target)) {
            return id; // same name, same bytes: nothing to do
        }
        try {
            Files.createDirectories(target.getParent());
            Path temporary = Files.createTempFile(target.getParent(), ".upload-", ".tmp");
            try {
                Files.write(temporary, bytes);
                moveIntoPlace(temporary, target);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store photo " + id, e);
        }
        return id;
    }

    private static void moveIntoPlace(Path temporary, Path target) throws IOException {
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            // a concurrent upload of the same bytes won: its file is this one
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public Optional<byte[]> read(PhotoId id) {
        try {
            return Optional.of(Files.readAllBytes(pathOf(id)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read photo " + id, e);
        }
    }

    Path pathOf(PhotoId id) {
        return root.resolve(id.sha256().substring(0, 2)).resolve(id.sha256().substring(2));
    }
}
