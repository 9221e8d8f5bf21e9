package dev.carryon.client.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Internal: not part of the API. Runs the workers of a parallel transfer, one virtual thread each, and
 * waits for all. The first failure stops the others (through the transfer's stop signal) and is what the
 * transfer reports.
 */
final class Parallel {
    /** One worker's job. */
    @FunctionalInterface
    interface Task {
        void run() throws IOException, InterruptedException;
    }

    private Parallel() {
    }

    static void run(String name, List<Task> tasks, Cancellation cancellation) throws IOException, InterruptedException {
        if (tasks.size() == 1) {
            tasks.getFirst().run();
            return;
        }
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            Task task = tasks.get(i);
            threads.add(Thread.ofVirtual().name(name + "-" + i).start(() -> {
                try {
                    task.run();
                } catch (Throwable t) {
                    if (firstFailure.compareAndSet(null, t) && !Failures.isCancellation(t)) {
                        cancellation.cancel("another part of the transfer failed");
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        Throwable failure = firstFailure.get();
        if (failure != null) {
            if (Failures.isCancellation(failure)) {
                cancellation.throwIfCancelled();
            }
            throw Failures.asIOException(failure);
        }
    }
}
