package dev.carryon.client.internal;

import java.util.Locale;
import java.util.Set;

/**
 * Internal: not part of the API. What a tus server offers, from its {@code OPTIONS} response.
 *
 * @param extensions         {@code Tus-Extension}, lower case
 * @param maxSize            {@code Tus-Max-Size}, or -1 if none was given
 * @param checksumAlgorithms {@code Tus-Checksum-Algorithm}, lower case
 */
public record ServerCapabilities(Set<String> extensions, long maxSize, Set<String> checksumAlgorithms) {
    /** What a server that did not answer {@code OPTIONS} is assumed to offer: creation only. */
    public static final ServerCapabilities MINIMAL = new ServerCapabilities(Set.of("creation"), -1, Set.of());

    public ServerCapabilities {
        extensions = Set.copyOf(extensions);
        checksumAlgorithms = Set.copyOf(checksumAlgorithms);
    }

    public boolean offers(String extension) {
        return extensions.contains(extension.toLowerCase(Locale.ROOT));
    }

    /** Parallel parts need partial uploads joined into a final one. */
    public boolean canConcatenate() {
        return offers("concatenation");
    }

    /** The final upload can be created before its parts are complete, giving the file its URL at once. */
    public boolean canConcatenateUnfinished() {
        return offers("concatenation-unfinished");
    }
}
