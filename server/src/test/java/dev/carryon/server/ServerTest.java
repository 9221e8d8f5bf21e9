package dev.carryon.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the tests that talk HTTP to a real server: each test gets a fresh {@link TestServer} on its own
 * data directory, and the {@link Uploads} steps bound to it. The server is closed after each test.
 */
abstract class ServerTest {
    protected TestServer server;
    protected Uploads uploads;

    @BeforeEach
    void startServer() throws Exception {
        server = TestServer.start();
        uploads = new Uploads(server);
    }

    @AfterEach
    void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }
}
