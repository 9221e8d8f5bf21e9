package dev.carryon.s3;

import dev.carryon.core.UploadException;
import dev.carryon.core.UploadInfo;
import dev.carryon.core.store.ListCursor;
import dev.carryon.core.store.UploadPage;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Lists a bucket's uploads newest first. A bucket lists keys in name order and ids are random, so every page
 * reads every upload's record: one listing of the prefix, then the records a few at a time. That suits a
 * library of thousands of uploads; a bucket of millions would want an index kept beside the records.
 */
final class Listing {
    /** Record reads in flight at once: enough to hide the round trips, few enough to be polite to the service. */
    private static final int READS_IN_FLIGHT = 16;

    private final S3Store store;

    Listing(S3Store store) {
        this.store = store;
    }

    UploadPage page(ListCursor after, int limit) throws IOException {
        List<String> ids = new ArrayList<>();
        for (S3Object object : store.bucket().list(store.keys().prefix())) {
            store.keys().parse(object.key())
                    .filter(parsed -> parsed.kind() == ObjectKeys.Kind.INFO)
                    .ifPresent(parsed -> ids.add(parsed.id()));
        }
        return UploadPage.of(readAll(ids), after, limit);
    }

    private List<UploadInfo> readAll(List<String> ids) throws IOException {
        Semaphore permits = new Semaphore(READS_IN_FLIGHT);
        try (ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Optional<UploadInfo>>> reads = new ArrayList<>();
            for (String id : ids) {
                reads.add(readers.submit(() -> {
                    permits.acquire();
                    try {
                        Optional<UploadRecord> record = store.records().load(id);
                        return record.isEmpty() ? Optional.<UploadInfo>empty() : Optional.of(store.toInfo(record.get()));
                    } catch (UploadException gone) {
                        return Optional.<UploadInfo>empty();
                    } finally {
                        permits.release();
                    }
                }));
            }
            List<UploadInfo> infos = new ArrayList<>();
            for (Future<Optional<UploadInfo>> read : reads) {
                read.get().ifPresent(infos::add);
            }
            return infos;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while listing uploads");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }
}
