package dev.carryon.core.lock;

/** A held upload lock. Closing releases it; closing more than once is harmless. */
public interface Lock extends AutoCloseable {
    @Override
    void close();
}
