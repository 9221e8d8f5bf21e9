package dev.carryon.core.store;

import dev.carryon.core.UploadInfo;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * A store whose unfinished uploads expire some time after their last change (tus {@code expiration}).
 * The store fills in {@link UploadInfo#expiresAt()}; removal is done by a sweeper through
 * {@link Terminatable}.
 */
public interface Expirable extends Terminatable {

    /** The ids of uploads that expired before {@code now}. */
    List<String> expiredBefore(Instant now) throws IOException;
}
