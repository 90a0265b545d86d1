package dev.parley.transport.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The frames that other threads (the engine's event thread, mostly) send to the connections of
 * one event loop, written there by one task: a burst of frames costs the loop one wake-up and each
 * connection one flush, where writing from outside the loop costs every frame a task of its own,
 * a flush and often a wake-up.
 *
 * <p>Thread safety: {@link #add} may be called from any thread; the writing runs on the loop.
 */
final class Outbox implements Runnable {
  private record Pending(Peer peer, ByteBuf frame) {}

  private final EventLoop loop;
  private final Queue<Pending> pending = new ConcurrentLinkedQueue<>();
  /** A run is scheduled and has not started taking frames. */
  private final AtomicBoolean due = new AtomicBoolean();
  /** The peers written to in this run, to flush each once; confined to the loop. */
  private final List<Peer> written = new ArrayList<>();

  Outbox(EventLoop loop) {
    this.loop = loop;
  }

  /** Queues a frame for {@code peer}, a connection of this loop, in the order of the calls; the peer takes it over. */
  void add(Peer peer, ByteBuf frame) {
    pending.add(new Pending(peer, frame));
    if (due.compareAndSet(false, true)) {
      loop.execute(this);
    }
  }

  @Override
  public void run() {
    due.set(false);
    for (Pending p; (p = pending.poll()) != null; ) {
      p.peer().write(p.frame());
      if (written.isEmpty() || written.get(written.size() - 1) != p.peer()) {
        written.add(p.peer()); // a peer listed twice is flushed twice: harmless
      }
    }
    for (int i = 0; i < written.size(); i++) { // no iterator: a run for every burst
      written.get(i).channel.flush();
    }
    written.clear();
  }
}
