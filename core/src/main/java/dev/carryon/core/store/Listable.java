package dev.carryon.core.store;

import dev.carryon.core.UploadInfo;

import java.io.IOException;

/**
 * A store that can enumerate its uploads, newest first, a page at a time. Pages are reached through an
 * opaque cursor rather than a number, so uploads created or deleted between two requests neither repeat
 * nor vanish from the pages still to come.
 */
public interface Listable {

    /**
     * Up to {@code limit} uploads in {@link ListCursor#NEWEST_FIRST} order, starting after {@code after}
     * (null for the first page).
     */
    UploadPage list(ListCursor after, int limit) throws IOException;
}
