package dev.carryon.server;

import java.io.IOException;
import java.time.Duration;

/** A PATCH whose body arrives ten bytes every 300 ms (about 33 B/s), on a thread of its own. */
final class BodyDripper {
    private final RawHttp http;
    private final Thread thread;
    private volatile boolean ended;

    private BodyDripper(RawHttp http) {
        this.http = http;
        this.thread = Thread.ofVirtual().start(this::drip);
    }

    static BodyDripper start(TestServer server, String id) throws IOException {
        RawHttp http = RawHttp.connect(server.port());
        http.sendHead(Uploads.patchAt(id, 0).header("Content-Length", "100000"));
        return new BodyDripper(http);
    }

    private void drip() {
        try {
            while (true) {
                http.send("0123456789");
                if (http.closedByServerWithin(300)) {
                    break;
                }
            }
        } catch (IOException reset) {
            // the server closed the connection
        } finally {
            ended = true;
            try {
                http.close();
            } catch (IOException ignored) {
                // closed already
            }
        }
    }

    /** Whether the server ended the request within {@code timeout} from now. */
    boolean awaitEnded(Duration timeout) throws InterruptedException {
        thread.join(timeout);
        return ended;
    }
}
