package dev.parley.transport.netty;

import dev.parley.core.Parley;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The threads of the server's event loops, each marked never to wait for the engine's writers
 * ({@link Parley#forbidWaitingOnThisThread()}): a blocking read slipped into a handler fails at
 * once, in the tests, instead of stalling every connection of its loop under load.
 */
final class EventLoopThreads extends DefaultThreadFactory {
  EventLoopThreads(String name) {
    super(name, true);
  }

  @Override
  public Thread newThread(Runnable r) {
    return super.newThread(() -> {
      Parley.forbidWaitingOnThisThread();
      r.run();
    });
  }
}
