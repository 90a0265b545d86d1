package dev.parley.core.event;

/**
 * Hears what happens in the engine: every {@link Event} of every tenant, in the order each tenant's
 * writer produced them.
 *
 * <p>Threading: called on the executor given to {@link dev.parley.core.Parley.Builder#executor},
 * never on an engine thread; calls for one partition of tenants are sequential, so a listener sees
 * each tenant's events in order. A listener may block, but while it does the engine holds back
 * further events, and past a bound it slows the writers down (back-pressure) rather than buffer
 * without limit. A listener may submit commands, but must not wait for their futures ({@code
 * join}, {@code get}): results are handed out in the same sequence as events, after the listener
 * returns, so waiting would wait for itself. Chain with {@code thenAccept} instead. Reads such as
 * {@link dev.parley.core.Parley#snapshot} are safe here, even while the engine holds back.
 *
 * <p>Failure: an exception thrown by a listener is logged at {@code warn} and otherwise ignored:
 * the other listeners still get the event, and the engine carries on.
 *
 * <p>A functional interface, so a lambda will do; callbacks added later will be default methods.
 */
@FunctionalInterface
public interface EventListener {
  /** A listener that does nothing. */
  EventListener NONE = event -> {};

  /** One event. */
  void onEvent(Event event);
}
