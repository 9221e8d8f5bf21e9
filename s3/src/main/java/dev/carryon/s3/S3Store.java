package dev.carryon.s3;

import dev.carryon.core.ErrorCode;
import dev.carryon.core.UploadException;
import dev.carryon.core.UploadIds;
import dev.carryon.core.UploadInfo;
import dev.carryon.core.store.Concatenatable;
import dev.carryon.core.Metadata;
import dev.carryon.core.store.Expirable;
import dev.carryon.core.store.ListCursor;
import dev.carryon.core.store.Listable;
import dev.carryon.core.store.MetadataEditable;
import dev.carryon.core.store.UploadPage;
import dev.carryon.core.store.LengthDeferrable;
import dev.carryon.core.store.RangeReadable;
import dev.carryon.core.store.StoredBytes;
import dev.carryon.core.store.Upload;
import dev.carryon.core.store.UploadStore;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Uploads in an S3-compatible bucket: one multipart upload per upload, and all state in the bucket (see
 * {@link ObjectKeys} and {@link UploadRecord}), so that any process on the same bucket continues any upload,
 * after a restart or beside other instances. Only ordinary object and multipart calls are used, never
 * {@code ListMultipartUploads}, which Aliyun OSS's S3 API lacks.
 *
 * <p>Downloads read the finished object with ranged GETs. An unfinished upload's bytes are in the parts of
 * a multipart upload, which S3 cannot read back before it is completed; so an unfinished upload serves the
 * bytes readable so far: all of them while it is shorter than a part (they are tail segments), none after.
 */
public final class S3Store implements UploadStore, Concatenatable, LengthDeferrable, Expirable, RangeReadable,
        Listable, MetadataEditable {
    private final S3StoreConfig config;
    private final Bucket bucket;
    private final ObjectKeys keys;
    private final Records records;
    private final TailSegments segments;
    private final PartBuffers buffers;
    private final Clock clock;
    private final UploadCompletion completion = new UploadCompletion(this);
    private final ExecutorService partSenders = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("s3-part-", 0).factory());

    S3Store(S3StoreConfig config, S3Client client, Clock clock) {
        this.config = config;
        this.bucket = new Bucket(client, config.bucket(), config.provider().awsChecksums());
        this.keys = new ObjectKeys(config.prefix());
        this.records = new Records(bucket, keys);
        this.segments = new TailSegments(bucket, keys);
        this.buffers = new PartBuffers(config.memoryBudget(), config.spoolDir());
        this.clock = clock;
    }

    /**
     * Opens the store and checks that the bucket exists and may be used with these credentials.
     *
     * @throws IOException if the bucket cannot be reached; the message says why
     */
    public static S3Store open(S3StoreConfig config, AwsCredentialsProvider credentials) throws IOException {
        S3Store store = new S3Store(config, S3Clients.create(config, credentials), Clock.systemUTC());
        try {
            store.bucket.check();
        } catch (IOException e) {
            store.close();
            throw e;
        }
        return store;
    }

    @Override
    public String describe() {
        String where = config.endpoint() == null ? "AWS S3 (" + config.region() + ")" : config.endpoint().toString();
        return "S3 store in bucket " + config.bucket() + (config.prefix().isEmpty() ? "" : "/" + config.prefix())
                + " at " + where;
    }

    @Override
    public UploadInfo create(UploadInfo info) throws IOException {
        UploadRecord record = UploadRecord.of(info, PartSizes.first(info.length(), config.partSize(), config.provider()), now());
        if (!record.isFinal() && info.length() == 0) {
            bucket.write(keys.object(info.id()), RequestBody.empty());
            record = record.completed(0, now());
        }
        records.save(record);
        return toInfo(record);
    }

    @Override
    public Optional<Upload> find(String id) throws IOException {
        if (!UploadIds.isValid(id) || records.load(id).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new S3Upload(this, id));
    }

    @Override
    public void terminate(String id) throws IOException {
        if (!UploadIds.isValid(id)) {
            return;
        }
        Optional<UploadRecord> record = records.load(id);
        if (record.isPresent() && record.get().multipartId() != null) {
            bucket.abortMultipart(keys.object(id), record.get().multipartId());
        }
        // Everything under the id, including segments a crash left unnamed; the record last, so that a
        // termination that fails half-way can be repeated.
        String info = keys.info(id);
        for (S3Object object : bucket.list(keys.allOf(id))) {
            if (!object.key().equals(info)) {
                bucket.delete(object.key());
            }
        }
        bucket.delete(info);
    }

    @Override
    public UploadInfo declareLength(String id, long length) throws IOException {
        UploadRecord record = require(id);
        if (record.length() != null) {
            throw new UploadException(ErrorCode.LENGTH_CONFLICT);
        }
        if (length < record.offset()) {
            throw new UploadException(ErrorCode.LENGTH_CONFLICT, "Upload-Length is less than what is stored");
        }
        UploadRecord declared = record.withLength(length, now());
        records.save(declared);
        return toInfo(declared.awaitsCompletion() ? completion.finish(declared, null) : declared);
    }

    @Override
    public UploadInfo replaceMetadata(String id, Metadata metadata) throws IOException {
        UploadRecord record = require(id);
        UploadRecord changed = record.withMetadata(metadata.entries(), now());
        records.save(changed);
        return toInfo(changed);
    }

    @Override
    public UploadPage list(ListCursor after, int limit) throws IOException {
        return new Listing(this).page(after, limit);
    }

    @Override
    public UploadInfo concatenate(String id) throws IOException {
        return toInfo(new Concatenation(this).join(require(id)));
    }

    @Override
    public List<String> expiredBefore(Instant now) throws IOException {
        return new Expiration(this).expiredBefore(now);
    }

    @Override
    public StoredBytes openStoredBytes(String id) throws IOException {
        if (!UploadIds.isValid(id)) {
            throw new UploadException(ErrorCode.NOT_FOUND);
        }
        UploadRecord record = require(id);
        if (record.completed()) {
            return new ObjectBytes(bucket, List.of(new ObjectBytes.Piece(keys.object(id), 0, record.length())),
                    record.updatedAt());
        }
        if (record.isFinal() || !record.parts().isEmpty()) {
            return new ObjectBytes(bucket, List.of(), record.updatedAt());
        }
        return new ObjectBytes(bucket, record.tail().stream()
                .map(s -> new ObjectBytes.Piece(keys.segment(id, s.start(), s.end()), s.start(), s.size())).toList(),
                record.updatedAt());
    }

    @Override
    public void close() {
        partSenders.close();
        bucket.close();
    }

    // What the store's helpers share.

    S3StoreConfig config() {
        return config;
    }

    Bucket bucket() {
        return bucket;
    }

    ObjectKeys keys() {
        return keys;
    }

    Records records() {
        return records;
    }

    TailSegments segments() {
        return segments;
    }

    PartBuffers buffers() {
        return buffers;
    }

    ExecutorService partSenders() {
        return partSenders;
    }

    UploadCompletion completion() {
        return completion;
    }

    Instant now() {
        return clock.instant();
    }

    /**
     * The upload's record; one that has all its bytes but no object yet is completed first, or, if this
     * process is completing it already, returned once that is done (the other case is a process that stopped
     * in the middle). Refuses an upload that does not exist with {@link ErrorCode#NOT_FOUND}.
     */
    UploadRecord require(String id) throws IOException {
        UploadRecord record = records.load(id).orElseThrow(() -> new UploadException(ErrorCode.NOT_FOUND));
        if (!record.awaitsCompletion()) {
            return record;
        }
        UploadRecord completedHere = completion.awaitRunning(id);
        return completedHere != null ? completedHere : completion.finish(record, null);
    }

    /** The upload as the server sees it: unfinished ones expire {@code expireAfter} after their last change. */
    UploadInfo toInfo(UploadRecord record) throws IOException {
        UploadInfo info = record.toInfo();
        if (config.expireAfter() == null || info.isComplete()) {
            return info;
        }
        Instant last = record.updatedAt();
        if (record.isFinal()) {
            // A final upload waiting for its parts is as alive as the most recently active part.
            for (String part : record.concatParts()) {
                Optional<Instant> touched = records.load(part).map(UploadRecord::updatedAt);
                last = touched.filter(last::isBefore).orElse(last);
            }
        }
        return info.withExpiresAt(last.plus(config.expireAfter()));
    }
}
