package dev.parley.benchmarks;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The harness's WebSocket connections, on Netty's own client: a connection keeps the frames it
 * receives for the set-up to await, except {@code message} frames, which go straight to the
 * current {@linkplain #onMessage measurement}.
 *
 * <p>Thread safety: safe for use by any number of threads.
 */
final class WireClient implements AutoCloseable {
  private final EventLoopGroup group;
  private final Bootstrap bootstrap;
  private volatile Consumer<String> onMessage = text -> {};

  WireClient(int threads) {
    group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
    bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class).option(ChannelOption.TCP_NODELAY, true);
  }

  /** Where {@code message} frames go from now on. */
  void onMessage(Consumer<String> measurement) {
    this.onMessage = measurement;
  }

  /** One connection, open once its handshake is done. */
  final class Conn {
    final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    final CompletableFuture<Channel> open = new CompletableFuture<>();
    volatile Channel channel;

    void send(String json) {
      channel.writeAndFlush(new TextWebSocketFrame(Unpooled.wrappedBuffer(json.getBytes(StandardCharsets.UTF_8))),
          channel.voidPromise());
    }

    /** The next kept frame that contains {@code marker}; fails after 60 seconds. */
    String await(String marker) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      String last = "none";
      while (true) {
        String frame = frames.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (frame == null) {
          throw new IllegalStateException("no frame with " + marker + " in 60 s; the last was " + last);
        }
        last = frame;
        if (frame.contains(marker)) {
          return frame;
        }
      }
    }
  }

  /** Opens {@code count} connections to {@code uri}, at most {@code parallel} handshakes at a time. */
  List<Conn> open(URI uri, int count, int parallel) throws Exception {
    List<Conn> all = new ArrayList<>(count);
    for (int i = 0; i < count; i += parallel) {
      List<Conn> batch = new ArrayList<>();
      for (int j = i; j < Math.min(count, i + parallel); j++) {
        batch.add(connect(uri));
      }
      for (Conn c : batch) {
        c.open.get(60, TimeUnit.SECONDS);
      }
      all.addAll(batch);
    }
    return all;
  }

  private Conn connect(URI uri) {
    Conn conn = new Conn();
    WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder().webSocketUri(uri)
        .maxFramePayloadLength(1 << 20).handshakeTimeoutMillis(60_000).generateOriginHeader(false).build();
    bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
      @Override
      protected void initChannel(SocketChannel ch) {
        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 20),
            new WebSocketClientProtocolHandler(config), new SimpleChannelInboundHandler<TextWebSocketFrame>() {
              @Override
              public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
                if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                  conn.channel = ctx.channel();
                  conn.open.complete(ctx.channel());
                }
                super.userEventTriggered(ctx, event);
              }

              @Override
              protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
                String text = frame.text();
                if (text.startsWith("{\"type\":\"message\"")) {
                  onMessage.accept(text);
                } else {
                  conn.frames.add(text);
                }
              }

              @Override
              public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                conn.open.completeExceptionally(cause);
                ctx.close();
              }
            });
      }
    }).connect(uri.getHost(), uri.getPort()).addListener(f -> {
      if (!f.isSuccess()) {
        conn.open.completeExceptionally(f.cause());
      }
    });
    return conn;
  }

  @Override
  public void close() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
