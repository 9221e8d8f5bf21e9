package dev.carryon.client;

/**
 * One chunk of a stream, as sent in one request. Immutable.
 *
 * @param index  the chunk's number in this run, from 0
 * @param offset the position of its first byte in the stream
 * @param length its length in bytes
 * @param last   true if it is the stream's last chunk, which declares the upload's length
 */
public record StreamChunk(int index, long offset, int length, boolean last) {
}
