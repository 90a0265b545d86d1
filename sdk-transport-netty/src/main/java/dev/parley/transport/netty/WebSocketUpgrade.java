package dev.parley.transport.netty;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.util.Locale;

/**
 * Turns a request for {@code /ws/client} or {@code /ws/operator} into a WebSocket: the browser's
 * {@code Origin} must be allowed or the server's own ({@code 403} otherwise), then the pipeline trades HTTP for
 * WebSocket frames of bounded size, the slow-consumer guard and the endpoint's handler.
 */
final class WebSocketUpgrade {
  static final String CLIENT = "/ws/client";
  static final String OPERATOR = "/ws/operator";

  private WebSocketUpgrade() {}

  static boolean handles(String path) {
    return path.equals(CLIENT) || path.equals(OPERATOR);
  }

  static void upgrade(ChannelHandlerContext ctx, FullHttpRequest request, String path, ServerContext server) {
    if (!HttpMethod.GET.equals(request.method()) || !"websocket".equalsIgnoreCase(request.headers().get(HttpHeaderNames.UPGRADE))) {
      ResponseWriter.closing(ctx.channel()).write(new Failure(400, "Malformed", path + " is a WebSocket: send an upgrade"));
      return;
    }
    String origin = request.headers().get(HttpHeaderNames.ORIGIN);
    if (origin != null && !allowed(origin.toLowerCase(Locale.ROOT), request, server)) {
      ResponseWriter.closing(ctx.channel()).write(new Failure(403, "Forbidden", "pages of " + origin + " may not connect"));
      return;
    }
    if (server.inFlight.draining()) {
      ResponseWriter.closing(ctx.channel()).write(new Failure(503, "Unavailable", "the server is shutting down"));
      return;
    }
    Peer.Side side = path.equals(CLIENT) ? Peer.Side.CLIENT : Peer.Side.OPERATOR;
    Peer peer = new Peer(ctx.channel(), side, server.outbox(ctx.channel().eventLoop()), server.limits,
        request.headers().get(HttpHeaderNames.USER_AGENT, ""), request.headers().get(HttpHeaderNames.ACCEPT_LANGUAGE, ""));
    ctx.channel().attr(IdleGuard.WEBSOCKET).set(true);
    Limits limits = server.limits;
    WebSocketServerProtocolConfig config = WebSocketServerProtocolConfig.newBuilder()
        .websocketPath(path)
        .checkStartsWith(false)
        .maxFramePayloadLength(limits.hardFrameLimit())
        .allowExtensions(false)
        .dropPongFrames(true)
        .handshakeTimeoutMillis(10_000)
        .build();
    ChannelPipeline p = ctx.pipeline();
    p.addAfter(ctx.name(), "ws", new WebSocketServerProtocolHandler(config));
    p.addAfter("ws", "ws-aggregate", new WebSocketFrameAggregator(limits.hardFrameLimit()));
    p.addAfter("ws-aggregate", "slow-consumer", new SlowConsumerGuard(limits.slowConsumerTimeout()));
    p.addAfter("slow-consumer", "socket", side == Peer.Side.CLIENT ? new ClientSocket(server, peer) : new OperatorSocket(server, peer));
    ctx.fireChannelRead(request.retain());
    p.remove(ctx.handler());
  }

  /**
   * Whether a page of {@code origin} may connect: one of the allowed origins, or, when the server
   * serves pages, its own (the scheme it serves and the {@code Host} the browser asked).
   */
  private static boolean allowed(String origin, FullHttpRequest request, ServerContext server) {
    if (server.anyOrigin || server.allowedOrigins.contains(origin)) {
      return true;
    }
    String host = request.headers().get(HttpHeaderNames.HOST);
    return server.servesPages && host != null && origin.equals(server.scheme() + "://" + host.toLowerCase(Locale.ROOT));
  }
}
