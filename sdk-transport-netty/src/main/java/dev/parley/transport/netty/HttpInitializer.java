package dev.parley.transport.netty;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import org.jspecify.annotations.Nullable;

/**
 * Each new connection's pipeline: TLS when configured, HTTP/1.1, the idle time-out, the body
 * limit, then the dispatcher (which turns WebSocket paths into WebSockets).
 */
final class HttpInitializer extends ChannelInitializer<SocketChannel> {
  private final ServerContext server;
  private final @Nullable SslContext tls;

  HttpInitializer(ServerContext server, @Nullable SslContext tls) {
    this.server = server;
    this.tls = tls;
  }

  @Override
  protected void initChannel(SocketChannel channel) {
    ChannelPipeline p = channel.pipeline();
    if (tls != null) {
      p.addLast("tls", tls.newHandler(channel.alloc()));
    }
    p.addLast("http", new HttpServerCodec());
    p.addLast("idle", IdleGuard.idleHandler(server.limits.idleTimeout()));
    p.addLast("idle-guard", new IdleGuard());
    p.addLast("body-limit", new BodyLimit(server.limits.maxRequestBytes()));
    p.addLast("dispatch", new HttpDispatcher(server));
  }
}
