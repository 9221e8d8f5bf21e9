package dev.carryon.s3;

import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CopyPartResult;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The S3 operations the store uses, on one bucket. The SDK's unchecked exceptions stop here: a missing
 * object is an empty result, a missing multipart upload a {@link NoSuchUploadException}, and every other
 * failure an {@link IOException} whose message names the operation and key (for the log, never a client).
 */
final class Bucket implements AutoCloseable {
    private final S3Client s3;
    private final String name;
    /** Whether parts carry CRC32 checksums that the completion must repeat (AWS with the SDK's defaults). */
    private final boolean partChecksums;

    Bucket(S3Client s3, String name, boolean partChecksums) {
        this.s3 = s3;
        this.name = name;
        this.partChecksums = partChecksums;
    }

    String name() {
        return name;
    }

    /** Fails unless the bucket exists and these credentials may use it. */
    void check() throws IOException {
        try {
            call("HeadBucket", name, () -> s3.headBucket(b -> b.bucket(name)));
        } catch (NotFound e) {
            throw new IOException("the bucket " + name + " does not exist", e);
        }
    }

    /** A small object's bytes, or empty if there is no such object. */
    Optional<byte[]> read(String key) throws IOException {
        try {
            return Optional.of(call("GetObject", key, () -> s3.getObjectAsBytes(b -> b.bucket(name).key(key))).asByteArray());
        } catch (NotFound e) {
            return Optional.empty();
        }
    }

    /** Bytes {@code first} to {@code last} (inclusive) of an object, as a stream to read and close. */
    ResponseInputStream<GetObjectResponse> open(String key, long first, long last) throws IOException {
        try {
            return call("GetObject", key, () -> s3.getObject(b -> b.bucket(name).key(key).range("bytes=" + first + "-" + last)));
        } catch (NotFound e) {
            throw new IOException("GetObject " + key + ": the object is missing", e);
        }
    }

    /** The size of an object, or empty if there is none. */
    Optional<Long> size(String key) throws IOException {
        try {
            return Optional.of(call("HeadObject", key, () -> s3.headObject(b -> b.bucket(name).key(key))).contentLength());
        } catch (NotFound e) {
            return Optional.empty();
        }
    }

    void write(String key, RequestBody body) throws IOException {
        call("PutObject", key, () -> s3.putObject(b -> b.bucket(name).key(key), body));
    }

    void write(String key, byte[] bytes, String contentType) throws IOException {
        call("PutObject", key, () -> s3.putObject(b -> b.bucket(name).key(key).contentType(contentType),
                RequestBody.fromBytes(bytes)));
    }

    void delete(String key) throws IOException {
        call("DeleteObject", key, () -> s3.deleteObject(b -> b.bucket(name).key(key)));
    }

    /** Every object whose key starts with {@code prefix}. */
    List<S3Object> list(String prefix) throws IOException {
        return call("ListObjectsV2", prefix, () -> {
            List<S3Object> all = new ArrayList<>();
            s3.listObjectsV2Paginator(b -> b.bucket(name).prefix(prefix)).contents().forEach(all::add);
            return all;
        });
    }

    String startMultipart(String key) throws IOException {
        return call("CreateMultipartUpload", key, () -> s3.createMultipartUpload(b -> {
            b.bucket(name).key(key);
            if (partChecksums) {
                b.checksumAlgorithm(ChecksumAlgorithm.CRC32);
            }
        })).uploadId();
    }

    UploadRecord.Part uploadPart(String key, String uploadId, int number, long size, RequestBody body) throws IOException {
        UploadPartResponse r = call("UploadPart", key, () -> s3.uploadPart(b -> {
            b.bucket(name).key(key).uploadId(uploadId).partNumber(number).contentLength(size);
            if (partChecksums) {
                b.checksumAlgorithm(ChecksumAlgorithm.CRC32);
            }
        }, body));
        return new UploadRecord.Part(number, size, r.eTag(), partChecksums ? r.checksumCRC32() : null);
    }

    /** Makes bytes {@code first} to {@code last} of {@code source} a part, inside the service. */
    UploadRecord.Part copyPart(String key, String uploadId, int number, String source, long first, long last)
            throws IOException {
        CopyPartResult r = call("UploadPartCopy", key, () -> s3.uploadPartCopy(b -> b.sourceBucket(name)
                .sourceKey(source).destinationBucket(name).destinationKey(key).uploadId(uploadId).partNumber(number)
                .copySourceRange("bytes=" + first + "-" + last))).copyPartResult();
        return new UploadRecord.Part(number, last - first + 1, r.eTag(), partChecksums ? r.checksumCRC32() : null);
    }

    void completeMultipart(String key, String uploadId, List<UploadRecord.Part> parts) throws IOException {
        List<CompletedPart> completed = parts.stream().map(p -> CompletedPart.builder().partNumber(p.number())
                .eTag(p.etag()).checksumCRC32(p.checksum()).build()).toList();
        call("CompleteMultipartUpload", key, () -> s3.completeMultipartUpload(b -> b.bucket(name).key(key)
                .uploadId(uploadId).multipartUpload(m -> m.parts(completed))));
    }

    /** Aborts a multipart upload; one that no longer exists is not an error. */
    void abortMultipart(String key, String uploadId) throws IOException {
        try {
            call("AbortMultipartUpload", key, () -> s3.abortMultipartUpload(b -> b.bucket(name).key(key).uploadId(uploadId)));
        } catch (NoSuchUploadException gone) {
            // aborted or completed before
        }
    }

    @Override
    public void close() {
        s3.close();
    }

    private static <T> T call(String operation, String key, Supplier<T> request) throws IOException {
        try {
            return request.get();
        } catch (S3Exception e) {
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            if ("NoSuchUpload".equals(code)) {
                throw new NoSuchUploadException(operation + " " + key + ": no such multipart upload", e);
            }
            if (e.statusCode() == 404 && !"NoSuchBucket".equals(code)) {
                throw new NotFound(operation + " " + key, e);
            }
            throw new IOException(operation + " " + key + " failed: " + e.getMessage(), e);
        } catch (SdkException e) {
            throw new IOException(operation + " " + key + " failed: " + e.getMessage(), e);
        }
    }

    /** The multipart upload was completed or aborted (or never existed). */
    static final class NoSuchUploadException extends IOException {
        NoSuchUploadException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final class NotFound extends IOException {
        NotFound(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
