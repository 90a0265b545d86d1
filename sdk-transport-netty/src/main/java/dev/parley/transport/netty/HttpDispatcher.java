package dev.parley.transport.netty;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.concurrent.RejectedExecutionException;

/**
 * Serves each HTTP request: upgrades the WebSocket paths, matches the others to a {@link Route}
 * and runs it on a worker thread, so that no I/O thread ever waits for the engine, the storage or
 * the host's authenticator.
 *
 * <p>One request at a time per connection: reading stops until the response is written, which
 * keeps pipelined responses in order and makes a client that floods requests wait for itself.
 * While the server drains for shutdown, new requests get {@code 503} and a close.
 */
final class HttpDispatcher extends SimpleChannelInboundHandler<FullHttpRequest> {
  private final ServerContext server;

  HttpDispatcher(ServerContext server) {
    this.server = server;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    Channel channel = ctx.channel();
    if (request.decoderResult().isFailure()) {
      ResponseWriter.closing(channel).write(new Failure(400, "Malformed", "the request could not be read"));
      return;
    }
    String path = new QueryStringDecoder(request.uri()).path();
    if (WebSocketUpgrade.handles(path)) {
      WebSocketUpgrade.upgrade(ctx, request, path, server);
      return;
    }
    if (!server.inFlight.enter()) {
      ResponseWriter.closing(channel).write(new Failure(503, "Unavailable", "the server is shutting down"));
      return;
    }
    ResponseWriter writer = new ResponseWriter(channel, HttpUtil.isKeepAlive(request) && !server.inFlight.draining(),
        server.limits.slowConsumerTimeout());
    Route.Handler handler;
    Call call;
    try {
      Router.Matched matched = server.router.match(request.method().name(), path);
      handler = matched.route().handler();
      call = new Call(server, request.method().name(), request.uri(), request.headers().copy(),
          ByteBufUtil.getBytes(request.content()), matched.captured());
    } catch (RuntimeException e) {
      writer.write(Failure.of(e)).addListener(done -> server.inFlight.exit());
      return;
    }
    channel.config().setAutoRead(false);
    channel.attr(IdleGuard.BUSY).set(true);
    try {
      server.workers.execute(() -> serve(handler, call, writer, channel));
    } catch (RejectedExecutionException e) {
      done(channel);
      ResponseWriter.closing(channel).write(new Failure(503, "Unavailable", "the server is busy; try again"));
    }
  }

  private void serve(Route.Handler handler, Call call, ResponseWriter writer, Channel channel) {
    Response response;
    try {
      response = handler.handle(call);
    } catch (Exception e) {
      writer.write(Failure.of(e)).addListener(written -> done(channel));
      return;
    }
    writer.write(response).addListener(written -> done(channel));
  }

  private void done(Channel channel) {
    channel.attr(IdleGuard.BUSY).set(false);
    channel.config().setAutoRead(true);
    server.inFlight.exit();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close(); // a reset connection, a TLS failure: nothing to answer
  }
}
