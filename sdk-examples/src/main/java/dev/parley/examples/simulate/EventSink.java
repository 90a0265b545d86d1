package dev.parley.examples.simulate;

import dev.parley.core.event.Event;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.RandomAccess;

/**
 * The list the routing core adds its events to, read and emptied after every command. Emptying it
 * only resets the size: the slots are overwritten by the next command's events instead of being
 * cleared one by one, which is all the hot loop needs.
 *
 * <p>Thread safety: none; the simulating thread owns it.
 */
final class EventSink extends AbstractList<Event> implements RandomAccess {
  private Event[] events = new Event[16];
  private int size;

  @Override
  public boolean add(Event e) {
    if (size == events.length) {
      events = Arrays.copyOf(events, size * 2);
    }
    events[size++] = e;
    return true;
  }

  @Override
  public Event get(int i) {
    return events[i];
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public void clear() {
    size = 0;
  }
}
