package dev.carryon.s3;

import dev.carryon.core.ErrorCode;
import dev.carryon.core.UploadException;
import dev.carryon.core.UploadInfo;
import dev.carryon.core.store.ChunkCheck;
import dev.carryon.core.store.Upload;

import java.io.IOException;
import java.io.InputStream;

/** One upload of an {@link S3Store}; every call reads its record afresh, so any instance may have changed it. */
final class S3Upload implements Upload {
    private final S3Store store;
    private final String id;

    S3Upload(S3Store store, String id) {
        this.store = store;
        this.id = id;
    }

    @Override
    public UploadInfo info() throws IOException {
        return store.toInfo(store.require(id));
    }

    @Override
    public long append(long offset, InputStream body, ChunkCheck check) throws IOException {
        UploadRecord record = store.require(id);
        if (record.isFinal()) {
            throw new UploadException(ErrorCode.MODIFY_FINAL);
        }
        if (offset != record.offset()) {
            throw new UploadException(ErrorCode.OFFSET_MISMATCH);
        }
        if (record.completed()) {
            // Nothing more can be stored; an empty append (some clients end with one) is simply answered.
            if (body.read() >= 0) {
                throw new UploadException(ErrorCode.BODY_EXCEEDS_LENGTH);
            }
            check.verify();
            return offset;
        }
        return new Appender(store, record, check).append(body, check);
    }
}
