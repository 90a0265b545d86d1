package dev.parley.transport.netty;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;

/**
 * Gathers a request's body up to the server's limit; a larger one (announced or sent) is answered
 * {@code 413} with an error document, and the connection closed, before the body is read.
 */
final class BodyLimit extends HttpObjectAggregator {
  private final int max;

  BodyLimit(int max) {
    super(max);
    this.max = max;
  }

  @Override
  protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
    ResponseWriter.closing(ctx.channel()).write(new Failure(413, "TooLarge", "the body is larger than " + max + " bytes"));
  }
}
