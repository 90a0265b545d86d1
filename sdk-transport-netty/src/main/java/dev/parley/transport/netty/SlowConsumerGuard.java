package dev.parley.transport.netty;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Disconnects a WebSocket peer that stays unwritable (its outbound buffer above the high water
 * mark: it reads slower than we write) for the slow-consumer time-out. Together with the hard
 * limit {@link Peer#send} enforces, a peer that does not read costs a bounded amount of memory
 * and then nothing.
 *
 * <p>Thread safety: confined to the connection's event loop.
 */
final class SlowConsumerGuard extends ChannelInboundHandlerAdapter {
  private final Duration patience;
  private @Nullable ScheduledFuture<?> deadline;

  SlowConsumerGuard(Duration patience) {
    this.patience = patience;
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (!ctx.channel().isWritable()) {
      if (deadline == null) {
        deadline = ctx.executor().schedule(() -> {
          deadline = null;
          if (!ctx.channel().isWritable()) {
            ctx.close();
          }
        }, patience.toNanos(), TimeUnit.NANOSECONDS);
      }
    } else if (deadline != null) {
      deadline.cancel(false);
      deadline = null;
    }
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (deadline != null) {
      deadline.cancel(false);
      deadline = null;
    }
    ctx.fireChannelInactive();
  }
}
