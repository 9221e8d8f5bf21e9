package dev.carryon.client.internal;

import dev.carryon.client.LocalFileException;
import dev.carryon.client.DownloadRequest;
import dev.carryon.client.ResumableFileDownload;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Internal: not part of the API. The partial file of a download and its checkpoint: which ranges are
 * fetched and how far each got. A checkpoint is saved only after the partial file is forced to disk, so
 * what it claims is written survives a crash of the machine too. An earlier run's ranges are continued only
 * if the file on the server has the same entity tag and length and the partial file is still there.
 */
final class DownloadPlanner {
    private static final Logger LOG = Logger.getLogger("dev.carryon.client");
    /** Smaller ranges cost more in requests than they gain in parallelism. */
    private static final long MIN_SEGMENT = 4L << 20;

    private final DownloadRequest request;
    private final ClientContext client;
    private final Path part;
    private FileChannel channel;
    private String etag;
    private long length;
    private List<ResumableFileDownload.Segment> bounds = List.of();
    private List<AtomicLong> done = List.of();

    DownloadPlanner(DownloadRequest request, ClientContext client) {
        this.request = request;
        this.client = client;
        this.part = request.target().resolveSibling(request.target().getFileName() + ".carryon-part");
    }

    /** Opens the partial file: continues {@code previous} if it still fits the file on the server, else starts anew. */
    synchronized void open(DownloadProbe probe, ResumableFileDownload previous) throws IOException {
        etag = probe.etag();
        length = probe.length();
        boolean continues = probe.ranges() && previous != null && etag != null && etag.equals(previous.etag())
                && length == previous.length() && Files.isRegularFile(part) && Files.size(part) == length;
        try {
            channel = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            if (!continues) {
                channel.truncate(0);
                if (length > 0 && probe.ranges()) {
                    channel.write(java.nio.ByteBuffer.allocate(1), length - 1); // the whole length, allocated sparsely
                }
            }
        } catch (IOException e) {
            throw new LocalFileException("cannot write " + part, e);
        }
        bounds = continues ? previous.segments() : split(probe.ranges() ? request.parallelism() : 1);
        done = bounds.stream().map(s -> new AtomicLong(s.done())).toList();
    }

    private List<ResumableFileDownload.Segment> split(int parallelism) {
        int count = (int) Math.max(1, Math.min(parallelism, length / MIN_SEGMENT));
        List<ResumableFileDownload.Segment> segments = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            segments.add(new ResumableFileDownload.Segment(length * i / count, length * (i + 1) / count, 0));
        }
        return segments;
    }

    synchronized FileChannel channel() {
        return channel;
    }

    synchronized List<ResumableFileDownload.Segment> segments() {
        return bounds;
    }

    synchronized AtomicLong done(int index) {
        return done.get(index);
    }

    synchronized long bytesDone() {
        return done.stream().mapToLong(AtomicLong::get).sum();
    }

    synchronized String etag() {
        return etag;
    }

    /** The state now, as a resume token. */
    synchronized ResumableFileDownload token() {
        List<ResumableFileDownload.Segment> now = new ArrayList<>();
        for (int i = 0; i < bounds.size(); i++) {
            now.add(new ResumableFileDownload.Segment(bounds.get(i).start(), bounds.get(i).end(), done.get(i).get()));
        }
        return new ResumableFileDownload(request.url(), request.target().toAbsolutePath().toString(), etag, length, now);
    }

    /** Forces what is written to disk, then records it; only a file with an entity tag can be continued safely. */
    synchronized void save() {
        if (channel == null || etag == null) {
            return;
        }
        try {
            ResumableFileDownload token = token(); // taken before the force: it claims no more than is forced
            channel.force(false);
            client.checkpoints().save(key(), token.toJson());
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not save the checkpoint of " + request.target(), e);
        }
    }

    ResumableFileDownload load() {
        try {
            return client.checkpoints().load(key()).map(ResumableFileDownload::fromJson).orElse(null);
        } catch (IOException | IllegalArgumentException e) {
            LOG.log(Level.WARNING, "ignoring an unreadable checkpoint of " + request.target(), e);
            return null;
        }
    }

    Path part() {
        return part;
    }

    /** Moves the complete partial file into place and forgets the checkpoint. */
    synchronized void finish() throws IOException {
        close();
        try {
            Files.move(part, request.target(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(part, request.target(), StandardCopyOption.REPLACE_EXISTING);
        }
        client.checkpoints().remove(key());
    }

    /** Throws the partial file and checkpoint away: they can never become the file. */
    synchronized void discard() throws IOException {
        close();
        Files.deleteIfExists(part);
        client.checkpoints().remove(key());
    }

    synchronized void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }

    private String key() {
        return "download " + request.url() + " " + request.target().toAbsolutePath().normalize();
    }
}
