package dev.carryon.server.tus;

import dev.carryon.core.ErrorCode;
import dev.carryon.core.UploadException;
import dev.carryon.core.checksum.ChecksumAlgorithm;

import java.util.Base64;

/** A parsed {@code Upload-Checksum} value: {@code <algorithm> <Base64 checksum>}. */
record ChecksumHeader(ChecksumAlgorithm algorithm, byte[] expected) {

    static ChecksumHeader parse(String value) {
        String[] parts = value.strip().split(" ");
        if (parts.length != 2) {
            throw new UploadException(ErrorCode.INVALID_CHECKSUM);
        }
        ChecksumAlgorithm algorithm = ChecksumAlgorithm.byTusName(parts[0])
                .orElseThrow(() -> new UploadException(ErrorCode.UNSUPPORTED_CHECKSUM_ALGORITHM));
        try {
            return new ChecksumHeader(algorithm, Base64.getDecoder().decode(parts[1]));
        } catch (IllegalArgumentException notBase64) {
            throw new UploadException(ErrorCode.INVALID_CHECKSUM);
        }
    }
}
