package dev.carryon.server.tus;

import dev.carryon.core.Concat;
import dev.carryon.core.UploadInfo;
import dev.carryon.server.http.Exchange;

import java.util.stream.Collectors;

/** The tus header fields that describe an upload's state, as HEAD, POST and PATCH responses send them. */
final class TusState {
    private final String basePath;

    TusState(String basePath) {
        this.basePath = basePath;
    }

    /** Offset, length (or deferral), metadata, concatenation and expiry of an upload. */
    void describe(Exchange exchange, UploadInfo info) {
        boolean unfinishedFinal = info.concat().isFinal() && !info.isComplete();
        if (!unfinishedFinal) {
            exchange.set(TusHeaders.UPLOAD_OFFSET, info.offset());
        }
        if (info.isLengthKnown()) {
            exchange.set(TusHeaders.UPLOAD_LENGTH, info.length());
        } else if (!info.concat().isFinal()) {
            exchange.set(TusHeaders.UPLOAD_DEFER_LENGTH, "1");
        }
        if (!info.metadata().isEmpty()) {
            exchange.set(TusHeaders.UPLOAD_METADATA, info.metadata().toHeader());
        }
        if (info.concat().role() != Concat.Role.NONE) {
            exchange.set(TusHeaders.UPLOAD_CONCAT, concatHeader(info.concat()));
        }
        expires(exchange, info);
    }

    static void expires(Exchange exchange, UploadInfo info) {
        if (info.expiresAt() != null) {
            exchange.set(TusHeaders.UPLOAD_EXPIRES, TusHeaders.httpDate(info.expiresAt()));
        }
    }

    private String concatHeader(Concat concat) {
        if (concat.isPartial()) {
            return "partial";
        }
        return "final;" + concat.partIds().stream().map(id -> basePath + id).collect(Collectors.joining(" "));
    }
}
