package dev.parley.transport.netty;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;

/** Placeholder until the WebSocket endpoints exist. */
final class WebSocketUpgrade {
  private WebSocketUpgrade() {}

  static boolean handles(String path, FullHttpRequest request) {
    return false;
  }

  static void upgrade(ChannelHandlerContext ctx, FullHttpRequest request, String path, ServerContext server) {}
}
