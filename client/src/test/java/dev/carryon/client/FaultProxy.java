package dev.carryon.client;

import dev.carryon.client.FaultPlan.Fault;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on a loopback port in front of a server, for tests, that injects the faults of a bad network:
 * it resets connections ({@link #cutEvery}), truncates them ({@link #truncateEvery}), holds a connection still
 * while others flow, as a dead network path does ({@link #stallEvery}), strikes with faults at seeded random
 * moments ({@link #randomFaults}), adds latency ({@link #delay}), limits the bandwidth ({@link #throttle}),
 * and can go {@link #down()} (connection refused) and come {@link #up()} again on the same port. Faults are scheduled by the bytes forwarded in both
 * directions together. Close it in teardown.
 */
public final class FaultProxy implements AutoCloseable {
    private static final int SOCKET_BUFFER = 128 * 1024;
    private final int targetPort;
    private final int port;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicLong forwarded = new AtomicLong();
    private final AtomicLong toServer = new AtomicLong();
    private final AtomicInteger outages = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    private final FaultPlan plan = new FaultPlan();
    private volatile ServerSocket listener;
    private volatile Duration stall = Duration.ZERO;
    private volatile Duration delay = Duration.ZERO;
    private volatile long bytesPerSecond;

    private FaultProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = bind(0);
        this.port = listener.getLocalPort();
        accept(listener);
    }

    /** A proxy to {@code 127.0.0.1:targetPort}, forwarding faithfully until told otherwise. */
    public static FaultProxy start(int targetPort) throws IOException {
        return new FaultProxy(targetPort);
    }

    public int port() {
        return port;
    }

    /** {@code uri} with the proxy's port in place of the server's. */
    public URI via(URI uri) {
        return URI.create(uri.toString().replace(":" + targetPort + "/", ":" + port + "/"));
    }

    /** {@code uri} with the server's port in place of the proxy's: the same resource, without faults. */
    public URI direct(URI uri) {
        return URI.create(uri.toString().replace(":" + port + "/", ":" + targetPort + "/"));
    }

    /** Resets a connection each time another {@code bytes} bytes went through; 0 stops cutting. */
    public void cutEvery(long bytes) {
        plan.every(Fault.RESET, bytes, forwarded.get());
    }

    /** Truncates a connection each time another {@code bytes} bytes went through; 0 stops it. */
    public void truncateEvery(long bytes) {
        plan.every(Fault.TRUNCATE, bytes, forwarded.get());
    }

    /**
     * Holds the connection that carries the byte still for {@code pause} (both directions) each time another
     * {@code bytes} bytes went through; other connections, and new ones, are not held.
     */
    public void stallEvery(long bytes, Duration pause) {
        stall = pause;
        plan.every(Fault.STALL, bytes, forwarded.get());
    }

    /**
     * Faults of {@code kinds} at random distances around {@code meanGap} bytes, repeatable by {@code seed};
     * a {@link Fault#STALL} lasts {@code pause}.
     */
    public void randomFaults(long seed, long meanGap, Duration pause, Fault... kinds) {
        stall = pause;
        plan.random(seed, meanGap, forwarded.get(), kinds);
    }

    /** Holds each piece of data for {@code latency} before passing it on, as a long network path does. */
    public void delay(Duration latency) {
        delay = latency;
    }

    /** Passes at most {@code rate} bytes per second through each connection in each direction; 0 lifts it. */
    public void throttle(long rate) {
        bytesPerSecond = rate;
    }

    /** Resets every connection and refuses new ones until {@link #up()}. */
    public synchronized void down() throws IOException {
        ServerSocket current = listener;
        listener = null;
        if (current != null) {
            current.close();
        }
        sockets.forEach(FaultProxy::reset);
        outages.incrementAndGet();
    }

    /** Accepts connections again, on the same port. */
    public synchronized void up() throws IOException {
        if (listener == null) {
            listener = bind(port);
            accept(listener);
        }
    }

    /** Resets, truncations, stalls and outages so far. */
    public int faults() {
        return outages.get() + plan.injected().values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Faults injected so far by kind (outages not included). */
    public Map<Fault, Integer> faultsByKind() {
        return plan.injected();
    }

    /** Bytes forwarded in both directions so far. */
    public long forwarded() {
        return forwarded.get();
    }

    /** Bytes forwarded from clients to the server so far: requests, header fields and bodies. */
    public long forwardedToServer() {
        return toServer.get();
    }

    /** Connections accepted so far. */
    public int connections() {
        return connections.get();
    }

    @Override
    public synchronized void close() throws IOException {
        cutEvery(0);
        truncateEvery(0);
        stallEvery(0, Duration.ZERO);
        plan.random(0, 0, 0);
        delay = Duration.ZERO;
        bytesPerSecond = 0;
        down();
    }

    private static ServerSocket bind(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
        return socket;
    }

    private void accept(ServerSocket socket) {
        Thread.ofPlatform().daemon().name("fault-proxy-accept").start(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket client = socket.accept();
                    Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                    synchronized (this) {
                        // down() may have run since accept() returned: a connection it could not see yet
                        // must not outlive the outage.
                        if (listener != socket) {
                            reset(client);
                            reset(server);
                            continue;
                        }
                        sockets.add(client);
                        sockets.add(server);
                    }
                    connections.incrementAndGet();
                    // Small buffers keep the bytes in flight (lost at a cut) near what a real network holds.
                    client.setSendBufferSize(SOCKET_BUFFER);
                    server.setSendBufferSize(SOCKET_BUFFER);
                    Link link = new Link();
                    pump(client, server, true, link);
                    pump(server, client, false, link);
                } catch (IOException closed) {
                    // the listener was closed, or the server is not there: the client sees a reset
                }
            }
        });
    }

    /** What the two directions of one proxied connection share. */
    private static final class Link {
        volatile long stalledUntil;
    }

    private void pump(Socket from, Socket to, boolean upstream, Link link) {
        Thread.ofVirtual().start(() -> {
            byte[] buffer = new byte[16 * 1024];
            long started = System.nanoTime();
            long passed = 0;
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer, 0, (int) Math.min(buffer.length, untilNextFault()))) != -1; ) {
                    pace(started, passed);
                    waitWhileStalled(link);
                    out.write(buffer, 0, n);
                    passed += n;
                    if (upstream) {
                        toServer.addAndGet(n);
                    }
                    List<Fault> due = plan.due(forwarded.addAndGet(n));
                    if (due.contains(Fault.STALL)) {
                        link.stalledUntil = System.nanoTime() + stall.toNanos();
                    }
                    if (due.contains(Fault.RESET)) {
                        reset(from);
                        reset(to);
                        return;
                    }
                    if (due.contains(Fault.TRUNCATE)) {
                        truncate(from, to);
                        return;
                    }
                }
                to.shutdownOutput();
            } catch (IOException | InterruptedException closed) {
                reset(from);
                reset(to);
            } finally {
                sockets.remove(from);
            }
        });
    }

    /** Reads stop at the next fault, so that it strikes at the exact byte. */
    private long untilNextFault() {
        return Math.max(1, plan.nextAt() - forwarded.get());
    }

    /** Waits out the latency, and as long as the bytes passed so far are ahead of the bandwidth limit. */
    private void pace(long started, long passed) throws InterruptedException {
        Duration latency = delay;
        if (!latency.isZero()) {
            Thread.sleep(latency);
        }
        long rate = bytesPerSecond;
        if (rate > 0) {
            long due = started + passed * 1_000_000_000L / rate;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(Duration.ofNanos(wait));
            }
        }
    }

    private static void waitWhileStalled(Link link) throws InterruptedException {
        long wait;
        while ((wait = link.stalledUntil - System.nanoTime()) > 0) {
            Thread.sleep(Duration.ofNanos(wait));
        }
    }

    /**
     * The receiver gets an orderly end of stream after the bytes passed so far, as when a middlebox gives up
     * on a connection; the sender finds the connection closed.
     */
    private static void truncate(Socket from, Socket to) {
        try {
            to.shutdownOutput();
        } catch (IOException ignored) {
            // already gone: a reset does as well
        }
        try {
            from.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0); // an RST, as a broken network or a crashed peer leaves it
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
