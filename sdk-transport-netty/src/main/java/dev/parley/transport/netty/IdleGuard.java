package dev.parley.transport.netty;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.AttributeKey;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Closes connections that stay silent past the idle time-out. It hears from the idle handler at
 * every half of the time-out without a read: a WebSocket silent for the first half is pinged, so a
 * live browser answers with a pong (and a console that only listens is not dropped); a connection
 * still silent at the full time-out is closed, unless it is an HTTP connection being answered (a
 * long export). Only reads are watched: a write-idle timer would cost every frame written a
 * promise and a listener.
 */
final class IdleGuard extends ChannelDuplexHandler {
  /** Set while an HTTP request on the connection is being answered. */
  static final AttributeKey<Boolean> BUSY = AttributeKey.valueOf("parley.busy");
  /** Set once a connection is a WebSocket. */
  static final AttributeKey<Boolean> WEBSOCKET = AttributeKey.valueOf("parley.websocket");

  /** The idle handler that goes before this guard: reader idle at each half of {@code timeout}. */
  static IdleStateHandler idleHandler(Duration timeout) {
    return new IdleStateHandler(Math.max(1, timeout.toNanos() / 2), 0, 0, TimeUnit.NANOSECONDS);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (!(event instanceof IdleStateEvent)) {
      ctx.fireUserEventTriggered(event);
      return;
    }
    if (((IdleStateEvent) event).isFirst()) {
      if (Boolean.TRUE.equals(ctx.channel().attr(WEBSOCKET).get())) {
        ctx.writeAndFlush(new PingWebSocketFrame());
      }
    } else if (!Boolean.TRUE.equals(ctx.channel().attr(BUSY).get())) {
      ctx.close();
    }
  }
}
