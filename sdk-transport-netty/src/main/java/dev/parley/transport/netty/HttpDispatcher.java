package dev.parley.transport.netty;

import dev.parley.core.NotOwnerException;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;

/**
 * Serves each HTTP request: upgrades the WebSocket paths, matches the others to a {@link Route}
 * and runs it on a worker thread, so that no I/O thread ever waits for the engine, the storage or
 * the host's authenticator.
 *
 * <p>One request at a time per connection: reading stops until the response is written, and
 * requests pipelined behind it (already read) wait their turn, so responses keep their order and
 * a client that floods requests waits for itself. While the server drains for shutdown, new
 * requests get {@code 503} and a close.
 *
 * <p>Thread safety: one instance per connection, confined to its event loop.
 */
final class HttpDispatcher extends SimpleChannelInboundHandler<FullHttpRequest> {
  /** Pipelined requests beyond this close the connection. */
  private static final int MAX_PIPELINED = 16;

  private final ServerContext server;
  private final ArrayDeque<FullHttpRequest> pipelined = new ArrayDeque<>();
  private boolean busy;

  HttpDispatcher(ServerContext server) {
    this.server = server;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    if (busy) {
      if (pipelined.size() >= MAX_PIPELINED) {
        ctx.close();
        return;
      }
      pipelined.add(request.retain());
      return;
    }
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
    busy = true;
    channel.config().setAutoRead(false);
    channel.attr(IdleGuard.BUSY).set(true);
    try {
      server.workers.execute(() -> serve(handler, call, writer, ctx));
    } catch (RejectedExecutionException e) {
      server.inFlight.exit();
      ResponseWriter.closing(channel).write(new Failure(503, "Unavailable", "the server is busy; try again"));
    }
  }

  private void serve(Route.Handler handler, Call call, ResponseWriter writer, ChannelHandlerContext ctx) {
    Response response;
    try {
      response = handler.handle(call);
    } catch (Exception e) {
      try {
        response = forwarded(call, e);
      } catch (Exception failure) {
        writer.write(Failure.of(failure)).addListener(written -> done(ctx));
        return;
      }
    }
    writer.write(response).addListener(written -> done(ctx));
  }

  /**
   * The owner's answer when {@code failure} says this node does not serve the request's partition
   * and the server forwards (the request did not come forwarded); else {@code failure} rethrown.
   */
  private Response forwarded(Call call, Exception failure) throws Exception {
    Forwarder forwarder = server.forwarder;
    if (forwarder != null && Failure.unwrap(failure) instanceof NotOwnerException notOwner && !forwarder.forwarded(call)) {
      return forwarder.forward(call, notOwner);
    }
    throw failure;
  }

  /** On the event loop, once the response is written: the next pipelined request, or reading again. */
  private void done(ChannelHandlerContext ctx) {
    server.inFlight.exit();
    busy = false;
    ctx.channel().attr(IdleGuard.BUSY).set(false);
    FullHttpRequest next = pipelined.poll();
    if (next == null) {
      ctx.channel().config().setAutoRead(true);
      return;
    }
    try {
      channelRead0(ctx, next);
    } finally {
      next.release();
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    for (FullHttpRequest request; (request = pipelined.poll()) != null; ) {
      request.release();
    }
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close(); // a reset connection, a TLS failure: nothing to answer
  }
}
