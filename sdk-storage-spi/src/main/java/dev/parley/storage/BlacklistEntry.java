package dev.parley.storage;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A client blocked on one channel of one tenant: later arrivals of that identity are refused.
 *
 * <p>The key is {@code tenant + channel + identifier}; a {@link BlacklistStore} holds at most one
 * entry per key.
 *
 * <p>Thread safety: immutable.
 *
 * @param tenant the tenant's id
 * @param channel the channel's enum name as text, such as {@code WEB_CHAT} (this module does not
 *     depend on the engine's {@code Channel} type)
 * @param identifier the client's identity on that channel (a phone number, an e-mail address, a
 *     messenger user id)
 * @param reason why the client was blocked, in the words of whoever blocked him
 * @param blockedBy who blocked him: an operator's id or an administrator's name
 * @param blockedAt when he was blocked
 */
public record BlacklistEntry(
    String tenant, String channel, String identifier, String reason, String blockedBy, Instant blockedAt) {

  /**
   * Checks the components.
   *
   * @throws NullPointerException if a component is null; the message names it
   * @throws IllegalArgumentException if a text is blank, or {@code channel} is not an enum name;
   *     the message names the component and shows the value
   */
  public BlacklistEntry {
    FieldChecks.nonBlank("tenant", tenant);
    FieldChecks.channelName(channel);
    FieldChecks.nonBlank("identifier", identifier);
    FieldChecks.nonBlank("reason", reason);
    FieldChecks.nonBlank("blockedBy", blockedBy);
    requireNonNull(blockedAt, "blockedAt must not be null");
  }
}
