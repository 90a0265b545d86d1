package dev.parley.transport.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a {@link Response} to a connection, from any thread: whole bodies at once, streams chunk
 * by chunk as they are written. Errors are {@code {"error": {...}}} documents.
 */
final class ResponseWriter {
  private static final Logger log = LoggerFactory.getLogger(ResponseWriter.class);

  /** The host's pages load what their own origin serves, and are framed by nobody. */
  private static final String PAGE_POLICY =
      "default-src 'self'; connect-src 'self'; img-src 'self' data: https:; frame-ancestors 'none'; base-uri 'none'";

  private final Channel channel;
  private final boolean keepAlive;
  private final Duration patience;

  /**
   * @param keepAlive whether the connection stays open after the response
   * @param patience how long a streamed body waits for a client that does not read
   */
  ResponseWriter(Channel channel, boolean keepAlive, Duration patience) {
    this.channel = channel;
    this.keepAlive = keepAlive;
    this.patience = patience;
  }

  /** For a response that closes the connection and streams nothing. */
  static ResponseWriter closing(Channel channel) {
    return new ResponseWriter(channel, false, Duration.ZERO);
  }

  /** Writes the response; the future completes once it is all written. */
  ChannelFuture write(Response response) {
    if (response instanceof Response.Json) {
      Response.Json json = (Response.Json) response;
      FullHttpResponse full = full(json.status(), "application/json", Unpooled.wrappedBuffer(Json.bytes(json.body())));
      if (json.etag() != null) {
        full.headers().set(HttpHeaderNames.ETAG, json.etag());
      }
      return finish(channel.writeAndFlush(full), false);
    }
    if (response instanceof Response.Text) {
      Response.Text text = (Response.Text) response;
      return whole(text.status(), text.contentType(), Unpooled.copiedBuffer(text.body(), StandardCharsets.UTF_8));
    }
    if (response instanceof Response.Relayed relayed) {
      FullHttpResponse full = full(relayed.status(), relayed.contentType(), Unpooled.wrappedBuffer(relayed.body()));
      if (relayed.etag() != null) {
        full.headers().set(HttpHeaderNames.ETAG, relayed.etag());
      }
      return finish(channel.writeAndFlush(full), false);
    }
    if (response instanceof Response.File) {
      Response.File file = (Response.File) response;
      FullHttpResponse page = full(200, file.contentType(), Unpooled.wrappedBuffer(file.body()));
      page.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
      page.headers().set(HttpHeaderNames.CONTENT_SECURITY_POLICY, PAGE_POLICY);
      page.headers().set("X-Content-Type-Options", "nosniff");
      page.headers().set("Referrer-Policy", "same-origin");
      return finish(channel.writeAndFlush(page), false);
    }
    return stream((Response.Stream) response);
  }

  /** Writes the failure as an error document. */
  ChannelFuture write(Failure failure) {
    FullHttpResponse response = full(failure.status(), "application/json", Unpooled.wrappedBuffer(Json.bytes(failure.body())));
    if (failure.status() == 401) {
      response.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer");
    }
    if (failure.status() == 503) { // the engine, the storage or the partition's owner busy or moving
      response.headers().set(HttpHeaderNames.RETRY_AFTER, "1");
    }
    return finish(channel.writeAndFlush(response), failure.status() >= 500 || failure.status() == 413);
  }

  private ChannelFuture whole(int status, String contentType, ByteBuf body) {
    return finish(channel.writeAndFlush(full(status, contentType, body)), false);
  }

  private FullHttpResponse full(int status, String contentType, ByteBuf body) {
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status), body);
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
    response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
    HttpUtil.setContentLength(response, body.readableBytes());
    HttpUtil.setKeepAlive(response, keepAlive);
    return response;
  }

  /** Streams the body on this (worker) thread, waiting while the client does not keep up. */
  private ChannelFuture stream(Response.Stream stream) {
    HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
    head.headers().set(HttpHeaderNames.CONTENT_TYPE, stream.contentType());
    head.headers().set(HttpHeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"" + stream.fileName() + "\"");
    head.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
    HttpUtil.setTransferEncodingChunked(head, true);
    HttpUtil.setKeepAlive(head, keepAlive);
    channel.writeAndFlush(head);
    try (ChunkedBodyStream body = new ChunkedBodyStream(channel, patience)) {
      stream.writer().writeTo(body);
    } catch (Exception e) {
      // The status is sent: all that is left is to cut the body short, which the client sees.
      log.warn("a streamed response failed midway; closing its connection", e);
      return channel.close();
    }
    return finish(channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT), false);
  }

  private ChannelFuture finish(ChannelFuture written, boolean close) {
    if (close || !keepAlive) {
      written.addListener(ChannelFutureListener.CLOSE);
    }
    return written;
  }

  @Override
  public String toString() {
    return "ResponseWriter[" + channel + "]";
  }

}
