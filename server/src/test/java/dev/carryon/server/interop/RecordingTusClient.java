package dev.carryon.server.interop;

import io.tus.java.client.TusClient;

import java.net.HttpURLConnection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A stock tus-java-client that remembers every connection it opened, so a test can cut one or inspect it. */
final class RecordingTusClient extends TusClient {
    private final List<HttpURLConnection> connections = new CopyOnWriteArrayList<>();

    @Override
    public void prepareConnection(HttpURLConnection connection) {
        super.prepareConnection(connection);
        connections.add(connection);
    }

    List<HttpURLConnection> connections() {
        return connections;
    }

    HttpURLConnection lastConnection() {
        return connections.get(connections.size() - 1);
    }
}
