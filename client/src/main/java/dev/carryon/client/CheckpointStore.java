package dev.carryon.client;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where transfers keep what they need to resume after the process ends: small JSON documents under keys
 * that name the transfer (e.g. the endpoint and the file's path). A transfer saves its checkpoint as soon
 * as there is something on the server to resume, and removes it when it completes. Implementations must
 * be safe for use by several threads.
 */
public interface CheckpointStore {

    /** The document saved under {@code key}, if any. */
    Optional<String> load(String key) throws IOException;

    /** Saves {@code json} under {@code key}, replacing what was there, so that it survives a crash. */
    void save(String key, String json) throws IOException;

    /** Forgets {@code key}; nothing happens if it is unknown. */
    void remove(String key) throws IOException;

    /** A store that remembers only for the life of this object: nothing survives the process. */
    static CheckpointStore inMemory() {
        Map<String, String> documents = new ConcurrentHashMap<>();
        return new CheckpointStore() {
            @Override
            public Optional<String> load(String key) {
                return Optional.ofNullable(documents.get(key));
            }

            @Override
            public void save(String key, String json) {
                documents.put(key, json);
            }

            @Override
            public void remove(String key) {
                documents.remove(key);
            }
        };
    }
}
