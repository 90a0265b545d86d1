package dev.parley.transport.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.AttributeKey;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * One WebSocket connection: a web-chat client or an operator console, who it is once it entered
 * or logged in, and the way frames reach it.
 *
 * <p>Thread safety: {@link #send} and {@link #coalesce} may be called from any thread; the
 * principal is published once bound. The rate limiter belongs to the event loop.
 */
final class Peer {
  static final AttributeKey<Peer> KEY = AttributeKey.valueOf("parley.peer");

  /** Which endpoint it came through. */
  enum Side {
    CLIENT,
    OPERATOR
  }

  final Channel channel;
  final Side side;
  /** Where frames sent from outside the event loop wait for it. */
  private final Outbox outbox;
  final TokenBucket bucket;
  final String userAgent;
  final String acceptLanguage;
  private final long hardLimit;
  private volatile @Nullable Principal principal;
  /** A waiting-list push is scheduled and has not run yet. */
  final AtomicBoolean waitingDue = new AtomicBoolean();
  /** A queue-position push is scheduled and has not run yet. */
  final AtomicBoolean positionDue = new AtomicBoolean();
  /** The queue position the client was last told; confined to the event loop. */
  int lastPosition;

  Peer(Channel channel, Side side, Outbox outbox, Limits limits, String userAgent, String acceptLanguage) {
    this.channel = channel;
    this.side = side;
    this.outbox = outbox;
    this.bucket = new TokenBucket(limits.messagesPerSecond(), limits.burst(), System.nanoTime());
    this.hardLimit = limits.hardOutboundLimit();
    this.userAgent = userAgent;
    this.acceptLanguage = acceptLanguage;
  }

  @Nullable Principal principal() {
    return principal;
  }

  void bind(Principal principal) {
    this.principal = principal;
  }

  /**
   * Sends a frame, or drops the peer if it lets its outbound buffer grow past the hard limit: a
   * peer that does not read never makes the heap grow.
   */
  void send(ObjectNode frame) {
    send(Unpooled.wrappedBuffer(Json.bytes(frame)));
  }

  /**
   * Sends a frame and takes it over (the peer releases it, sent or not): at once on the peer's
   * event loop, else through the loop's {@link Outbox}.
   */
  void send(ByteBuf frame) {
    if (!channel.isActive() || closedOverLimit()) {
      frame.release();
    } else if (channel.eventLoop().inEventLoop()) {
      channel.writeAndFlush(new TextWebSocketFrame(frame), channel.voidPromise());
    } else {
      outbox.add(this, frame);
    }
  }

  /** Writes a frame the outbox held, leaving the flush to it; on the event loop. */
  void write(ByteBuf frame) {
    if (closedOverLimit()) {
      frame.release();
    } else {
      channel.write(new TextWebSocketFrame(frame), channel.voidPromise());
    }
  }

  /** Closes the channel if its outbound buffer is past the hard limit, and says so. */
  private boolean closedOverLimit() {
    if (!channel.isWritable() && channel.bytesBeforeWritable() > hardLimit) {
      channel.close();
      return true;
    }
    return false;
  }

  /**
   * Runs {@code push} for this peer once on the event loop, however many times it is asked for
   * before it runs; a push asked for again costs nothing (it takes the peer, not a lambda made
   * for each of a tenant's peers at every change of its queues).
   */
  void coalesce(AtomicBoolean due, Consumer<Peer> push) {
    if (due.compareAndSet(false, true)) {
      channel.eventLoop().execute(() -> {
        due.set(false);
        if (channel.isActive()) {
          push.accept(this);
        }
      });
    }
  }

  @Override
  public String toString() {
    Principal p = principal;
    return side + " " + (p == null ? "(anonymous)" : p) + " on " + channel.remoteAddress();
  }
}
