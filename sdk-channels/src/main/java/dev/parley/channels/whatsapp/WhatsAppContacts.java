package dev.parley.channels.whatsapp;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.parley.core.Parley;
import dev.parley.core.TenantId;
import java.time.Clock;
import java.util.Optional;

/**
 * Who is who on WhatsApp when a person has two identifiers: his phone number ({@code wa_id}) and
 * his business-scoped user id (BSUID, {@code user_id}; a user with a username may share only
 * that). The adapter keeps every person under one identity, the first identifier it saw for him:
 * a phone and a user id seen together in a webhook, and the new number of a "user changed number"
 * system message, are linked to it; replies go to his latest {@linkplain #addressOf address}.
 *
 * <p>The default, {@link #inMemory(long)}, forgets on restart; {@link #stored(Parley, TenantId)}
 * keeps the links in the tenant's contact directory, so that sessions, blacklist entries and
 * contacts stay one across restarts. A host may store them elsewhere.
 *
 * <p>Threading: called on the thread that calls {@code receive} or {@code send}, by several at
 * once; implementations must be thread-safe and may block briefly. Whatever they throw fails that
 * {@code receive} or {@code send}.
 */
public interface WhatsAppContacts {
  /** The identity {@code identifier} (a phone number or a user id) was linked to, if any. */
  Optional<String> identityOf(String identifier);

  /** Links {@code identifier} to {@code identity}; an identity is linked to itself. */
  void link(String identifier, String identity);

  /** The identifier that reaches {@code identity} now, if it changed from the identity itself. */
  Optional<String> addressOf(String identity);

  /** Remembers that {@code address} reaches {@code identity} now. */
  void reachAt(String identity, String address);

  /**
   * Links kept in the tenant's contact directory ({@code parley.storage().contacts()}): one contact
   * per person, with {@code NETWORK} identities {@code WHATSAPP:<phone>} and {@code
   * WHATSAPP:<user id>} (the form {@code Storage.contactFromSession} uses) and his identity and
   * latest address as the details {@code whatsapp_identity} and {@code whatsapp_address}. The
   * links survive restarts and are the contact operators see; an identifier an operator already
   * linked to another contact stays there.
   */
  static WhatsAppContacts stored(Parley parley, TenantId tenant) {
    return new StoredWhatsAppContacts(parley.storage().contacts(), tenant.value(), Clock.systemUTC());
  }

  /** Links kept in memory, at most {@code maxPeople} people (the least recently used are forgotten). */
  static WhatsAppContacts inMemory(long maxPeople) {
    if (maxPeople < 1) {
      throw new IllegalArgumentException("maxPeople must be at least 1, not " + maxPeople);
    }
    Cache<String, String> identities = Caffeine.newBuilder().maximumSize(2 * maxPeople).executor(Runnable::run).build();
    Cache<String, String> addresses = Caffeine.newBuilder().maximumSize(maxPeople).executor(Runnable::run).build();
    return new WhatsAppContacts() {
      @Override
      public Optional<String> identityOf(String identifier) {
        return Optional.ofNullable(identities.getIfPresent(identifier));
      }

      @Override
      public void link(String identifier, String identity) {
        identities.put(identifier, identity);
      }

      @Override
      public Optional<String> addressOf(String identity) {
        return Optional.ofNullable(addresses.getIfPresent(identity));
      }

      @Override
      public void reachAt(String identity, String address) {
        addresses.put(identity, address);
      }
    };
  }
}
