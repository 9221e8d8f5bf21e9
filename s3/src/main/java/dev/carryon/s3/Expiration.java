package dev.carryon.s3;

import dev.carryon.core.UploadInfo;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the unfinished uploads whose time ran out with one listing of the prefix, reading records only where
 * the listing cannot rule an upload out: an upload with an object is finished, and one whose record the
 * bucket saw change recently is alive. The listing's times are the bucket's clock and the records' times
 * this server's, so the listing only pre-selects, with a margin for clocks that disagree.
 */
final class Expiration {
    private static final Duration CLOCK_MARGIN = Duration.ofMinutes(5);

    private final S3Store store;

    Expiration(S3Store store) {
        this.store = store;
    }

    List<String> expiredBefore(Instant now) throws IOException {
        Duration expireAfter = store.config().expireAfter();
        if (expireAfter == null) {
            return List.of();
        }
        Map<String, Instant> recordChanged = new HashMap<>();
        Set<String> finished = new HashSet<>();
        for (S3Object object : store.bucket().list(store.keys().prefix())) {
            store.keys().parse(object.key()).ifPresent(parsed -> {
                switch (parsed.kind()) {
                    case INFO -> recordChanged.put(parsed.id(), object.lastModified());
                    case OBJECT -> finished.add(parsed.id());
                    case SEGMENT -> { }
                }
            });
        }
        Instant quietSince = now.minus(expireAfter).plus(CLOCK_MARGIN);
        List<String> expired = new ArrayList<>();
        for (Map.Entry<String, Instant> entry : recordChanged.entrySet()) {
            String id = entry.getKey();
            if (finished.contains(id) || entry.getValue().isAfter(quietSince)) {
                continue;
            }
            Optional<UploadRecord> record = store.records().load(id);
            if (record.isEmpty()) {
                continue; // terminated meanwhile
            }
            UploadInfo info = store.toInfo(record.get());
            if (info.expiresAt() != null && info.expiresAt().isBefore(now)) {
                expired.add(id);
            }
        }
        return expired;
    }
}
