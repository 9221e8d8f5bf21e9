package dev.carryon.server.upload;

import dev.carryon.core.checksum.ChecksumAlgorithm;
import dev.carryon.core.store.Concatenatable;
import dev.carryon.core.store.Expirable;
import dev.carryon.core.store.LengthDeferrable;
import dev.carryon.core.store.Terminatable;
import dev.carryon.core.store.UploadStore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What the configured store can do, and so which tus extensions the server offers. Derived from the store's
 * interfaces, never kept by hand, so the advertised list cannot drift from the truth.
 */
public record Capabilities(boolean terminate, boolean concatenate, boolean deferLength, boolean expire) {

    public static Capabilities of(UploadStore store) {
        return new Capabilities(store instanceof Terminatable, store instanceof Concatenatable,
                store instanceof LengthDeferrable, store instanceof Expirable);
    }

    /** The {@code Tus-Extension} list. Checksums and creation work with every store. */
    public String tusExtensions() {
        List<String> extensions = new ArrayList<>(List.of("creation", "creation-with-upload"));
        if (deferLength) {
            extensions.add("creation-defer-length");
        }
        if (expire) {
            extensions.add("expiration");
        }
        extensions.add("checksum");
        extensions.add("checksum-trailer");
        if (terminate) {
            extensions.add("termination");
        }
        if (concatenate) {
            extensions.add("concatenation");
            extensions.add("concatenation-unfinished");
        }
        return String.join(",", extensions);
    }

    public static String checksumAlgorithms() {
        return Arrays.stream(ChecksumAlgorithm.values()).map(ChecksumAlgorithm::tusName)
                .collect(Collectors.joining(","));
    }
}
