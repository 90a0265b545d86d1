package dev.parley.transport.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * What both WebSocket endpoints do before a frame means anything: only text frames, each within
 * the frame limit and the connection's rate, one JSON object; every refusal is an {@code error}
 * frame and changes nothing. Subclasses decode and act.
 *
 * <p>Threading: frames arrive on the connection's event loop. A subclass hands anything that may
 * block to the worker pool and anything for the engine to {@code submit}, whose completion
 * answers on the engine's executor.
 */
abstract class SocketHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
  final ServerContext server;
  final Peer peer;
  /** The answer to a frame without a ref: an error if any. Made once, for most messages have no ref. */
  private final BiConsumer<Object, Throwable> refuseFailure = (result, failure) -> {
    if (failure != null) {
      refuse(null, failure);
    }
  };

  SocketHandler(ServerContext server, Peer peer) {
    this.server = server;
    this.peer = peer;
  }

  /**
   * Acts on one text frame's bytes, which are released when it returns; may throw a {@link
   * WireException} or an engine exception.
   */
  abstract void handle(ByteBuf frame) throws Exception;

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
      ctx.channel().attr(Peer.KEY).set(peer);
      server.peers.open(peer);
    }
    ctx.fireUserEventTriggered(event);
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
    if (!(frame instanceof TextWebSocketFrame)) {
      refuse(null, new WireException("Malformed", "send text frames, each one JSON object"));
      return;
    }
    ByteBuf content = frame.content();
    if (content.readableBytes() > server.limits.maxFrameBytes()) {
      refuse(null, new WireException(413, "TooLarge", "a frame has at most " + server.limits.maxFrameBytes() + " bytes"));
      return;
    }
    if (!peer.bucket.tryTake(System.nanoTime())) {
      refuse(null, new WireException(429, "RateLimited", "at most " + server.limits.messagesPerSecond() + " frames a second"));
      return;
    }
    if (server.inFlight.draining()) {
      refuse(null, new WireException(503, "Unavailable", "the server is shutting down"));
      return;
    }
    try {
      handle(content);
    } catch (Exception e) {
      refuse(null, e);
    }
  }

  /** Answers {@code ok} (when the frame had a ref) or the error, once the engine is done. */
  void answer(@Nullable String ref, CompletionStage<?> done) {
    if (ref == null) {
      done.whenComplete(refuseFailure);
      return;
    }
    done.whenComplete((result, failure) -> {
      if (failure != null) {
        refuse(ref, failure);
      } else {
        peer.send(Frames.ok(ref));
      }
    });
  }

  /** Sends the error frame {@code failure} stands for. */
  void refuse(@Nullable String ref, Throwable failure) {
    String answering = failure instanceof WireException && ((WireException) failure).ref() != null
        ? ((WireException) failure).ref() : ref;
    peer.send(Frames.error(Failure.of(failure), answering));
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    server.peers.close(peer);
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof TooLongFrameException || cause instanceof CorruptedWebSocketFrameException) {
      refuse(null, new WireException(413, "TooLarge", "a frame has at most " + server.limits.maxFrameBytes() + " bytes"));
      ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.MESSAGE_TOO_BIG)).addListener(f -> ctx.close());
      return;
    }
    ctx.close(); // a reset connection: nobody left to tell
  }
}
