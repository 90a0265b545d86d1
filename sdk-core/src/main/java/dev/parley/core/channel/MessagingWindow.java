package dev.parley.core.channel;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How long after a client's last message a business may write to him freely, and which kinds may
 * be sent after that (WhatsApp: 24 hours, then templates only; Messenger: 24 hours). The engine
 * checks it before reopening a session or letting an operator contact a client; adapters make it
 * configurable, since vendors change their rules.
 *
 * <pre>{@code
 * MessagingWindow whatsApp = MessagingWindow.of(Duration.ofHours(24), OutboundMessage.Kind.TEMPLATE);
 * whatsApp.check(OutboundMessage.Kind.TEXT, lastClientMessage, clock.instant()); // may throw
 * }</pre>
 *
 * <p>Thread safety: immutable.
 *
 * @param length how long the window stays open after a client's message
 * @param allowedOutside the kinds that may be sent when it is closed
 */
public record MessagingWindow(@Nullable Duration length, Set<OutboundMessage.Kind> allowedOutside) {
  /** No window: anything may be sent at any time (web chat, e-mail, VK). */
  public static final MessagingWindow NONE = new MessagingWindow(null, Set.of());

  /** Checks and copies the components. */
  public MessagingWindow {
    if (length != null && (length.isNegative() || length.isZero())) {
      throw new IllegalArgumentException("a messaging window is positive, not " + length);
    }
    allowedOutside = Set.copyOf(allowedOutside);
  }

  /** A window of {@code length}, outside which only {@code allowedOutside} kinds may be sent. */
  public static MessagingWindow of(Duration length, OutboundMessage.Kind... allowedOutside) {
    Objects.requireNonNull(length, "length");
    Set<OutboundMessage.Kind> kinds = EnumSet.noneOf(OutboundMessage.Kind.class);
    kinds.addAll(Set.of(allowedOutside));
    return new MessagingWindow(length, kinds);
  }

  /**
   * Whether free-form messages may be sent at {@code now} to a client who last wrote at {@code
   * lastClientMessage} ({@code null}: never). The window is open up to and including its end.
   */
  public boolean isOpen(@Nullable Instant lastClientMessage, Instant now) {
    Objects.requireNonNull(now, "now");
    if (length == null) {
      return true;
    }
    return lastClientMessage != null && !now.isAfter(lastClientMessage.plus(length));
  }

  /**
   * Throws {@link OutsideMessagingWindowException} if a message of {@code kind} may not be sent at
   * {@code now}; returns quietly otherwise.
   */
  public void check(OutboundMessage.Kind kind, @Nullable Instant lastClientMessage, Instant now) {
    Objects.requireNonNull(kind, "kind");
    if (!isOpen(lastClientMessage, now) && !allowedOutside.contains(kind)) {
      throw new OutsideMessagingWindowException(
          lastClientMessage == null ? Instant.EPOCH : lastClientMessage, Objects.requireNonNull(length));
    }
  }
}
