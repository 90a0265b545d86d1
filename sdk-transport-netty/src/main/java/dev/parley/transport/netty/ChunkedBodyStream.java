package dev.parley.transport.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.http.DefaultHttpContent;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;

/**
 * An output stream that sends what is written as HTTP chunks of about {@value #CHUNK} bytes.
 * When the connection is not writable (the client reads slower than we write), a write waits for
 * the last chunk to reach the socket, so memory holds a few chunks whatever the body's size; a
 * client that reads nothing for the slow-consumer time-out is disconnected.
 *
 * <p>Thread safety: confined to the one worker thread writing the body; never the event loop.
 */
final class ChunkedBodyStream extends OutputStream {
  static final int CHUNK = 16 * 1024;

  private final Channel channel;
  private final Duration patience;
  private ByteBuf buffer = Unpooled.buffer(CHUNK);
  private ChannelFuture last;

  ChunkedBodyStream(Channel channel, Duration patience) {
    this.channel = channel;
    this.patience = patience;
    this.last = channel.newSucceededFuture();
  }

  @Override
  public void write(int b) throws IOException {
    buffer.writeByte(b);
    if (buffer.readableBytes() >= CHUNK) {
      send();
    }
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    while (length > 0) {
      int n = Math.min(length, CHUNK - buffer.readableBytes());
      buffer.writeBytes(bytes, offset, n);
      offset += n;
      length -= n;
      if (buffer.readableBytes() >= CHUNK) {
        send();
      }
    }
  }

  @Override
  public void flush() throws IOException {
    if (buffer.readableBytes() > 0) {
      send();
    }
  }

  @Override
  public void close() throws IOException {
    try {
      flush();
    } finally {
      buffer.release();
      buffer = Unpooled.EMPTY_BUFFER;
    }
  }

  private void send() throws IOException {
    if (!channel.isActive()) {
      throw new IOException("the client went away");
    }
    ByteBuf chunk = buffer;
    buffer = Unpooled.buffer(CHUNK);
    last = channel.writeAndFlush(new DefaultHttpContent(chunk));
    if (!channel.isWritable()) {
      boolean done;
      try {
        done = last.await(patience.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while the client was reading", e);
      }
      if (!done || !last.isSuccess()) {
        channel.close();
        throw new IOException("the client did not read for " + patience + "; disconnected");
      }
    }
  }
}
