package dev.parley.transport.netty;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.AttributeKey;

/**
 * Closes connections that stay silent past the idle time-out. An HTTP connection is spared while
 * it is being answered (a long export); a WebSocket is pinged when the server had nothing to say
 * for half the time-out, so a live browser answers with a pong and only a dead peer is closed.
 */
final class IdleGuard extends ChannelDuplexHandler {
  /** Set while an HTTP request on the connection is being answered. */
  static final AttributeKey<Boolean> BUSY = AttributeKey.valueOf("parley.busy");
  /** Set once a connection is a WebSocket. */
  static final AttributeKey<Boolean> WEBSOCKET = AttributeKey.valueOf("parley.websocket");

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (!(event instanceof IdleStateEvent)) {
      ctx.fireUserEventTriggered(event);
      return;
    }
    IdleState state = ((IdleStateEvent) event).state();
    boolean websocket = Boolean.TRUE.equals(ctx.channel().attr(WEBSOCKET).get());
    if (state == IdleState.WRITER_IDLE && websocket) {
      ctx.writeAndFlush(new PingWebSocketFrame());
    } else if (state == IdleState.READER_IDLE && !Boolean.TRUE.equals(ctx.channel().attr(BUSY).get())) {
      ctx.close();
    }
  }
}
