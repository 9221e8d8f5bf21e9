package dev.carryon.server.api;

import dev.carryon.core.UploadInfo;

/**
 * What subscribers are told about an upload: how many bytes are durably stored, of how many, and whether it
 * is complete or gone. Two equal states are never sent twice.
 *
 * @param length the total length, or -1 while it is deferred
 */
record ProgressState(String id, long offset, long length, boolean complete, boolean terminated) {

    static ProgressState of(UploadInfo info) {
        return new ProgressState(info.id(), info.offset(), info.length(), info.isComplete(), false);
    }

    static ProgressState terminated(String id) {
        return new ProgressState(id, 0, -1, false, true);
    }

    /** The server-sent event name: {@code progress}, {@code complete} or {@code terminated}. */
    String event() {
        return terminated ? "terminated" : complete ? "complete" : "progress";
    }
}
