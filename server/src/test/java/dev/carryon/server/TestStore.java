package dev.carryon.server;

import dev.carryon.core.disk.DiskStore;
import dev.carryon.core.store.UploadStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where a {@link TestServer} keeps its uploads: a disk store in the server's data directory, unless the
 * system property {@value #PROPERTY} names another implementation (with a public no-argument constructor),
 * so that other store modules run these same protocol tests on their store. One instance per server.
 */
public interface TestStore {
    String PROPERTY = "carryon.test.store";

    /** Opens the store the server will run on. */
    UploadStore open(ServerConfig config) throws Exception;

    /** The names of everything kept for uploads (files, objects), to check that nothing is left behind. */
    List<String> names() throws IOException;

    /** Removes what the store kept, after the server stopped. */
    default void delete() throws IOException {
    }

    /** The store the tests of this run use. */
    static TestStore configured() throws ReflectiveOperationException {
        String name = System.getProperty(PROPERTY);
        if (name == null || name.isBlank()) {
            return new Disk();
        }
        return (TestStore) Class.forName(name).getConstructor().newInstance();
    }

    /** The default: a {@link DiskStore} in the server's data directory. */
    final class Disk implements TestStore {
        private Path dir;

        @Override
        public UploadStore open(ServerConfig config) throws IOException {
            dir = config.dataDir();
            return new DiskStore(dir, config.expireAfter());
        }

        @Override
        public List<String> names() throws IOException {
            try (Stream<Path> files = Files.list(dir)) {
                return files.map(p -> p.getFileName().toString()).sorted().toList();
            }
        }
    }
}
