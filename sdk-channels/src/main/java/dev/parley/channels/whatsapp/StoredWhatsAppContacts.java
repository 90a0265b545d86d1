package dev.parley.channels.whatsapp;

import dev.parley.core.Channel;
import dev.parley.storage.ContactRecord;
import dev.parley.storage.ContactRecord.Identity;
import dev.parley.storage.ContactStore;
import dev.parley.storage.StaleWriteException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * {@link WhatsAppContacts} in the tenant's contact directory: one contact per person, whose
 * {@code NETWORK} identities are {@code WHATSAPP:<phone or user id>} (his phone and user id
 * linked), with his identity and latest address as details. It survives restarts and is the
 * contact operators see; erasing the contact (GDPR) forgets the links too.
 */
final class StoredWhatsAppContacts implements WhatsAppContacts {
  static final String IDENTITY = "whatsapp_identity";
  static final String ADDRESS = "whatsapp_address";
  private static final int TRIES = 3;

  private final ContactStore store;
  private final String tenant;
  private final Clock clock;

  StoredWhatsAppContacts(ContactStore store, String tenant, Clock clock) {
    this.store = store;
    this.tenant = tenant;
    this.clock = clock;
  }

  private static Identity network(String identifier) {
    return new Identity(Identity.Kind.NETWORK, Channel.WHATSAPP.name() + ":" + identifier);
  }

  private Optional<ContactRecord> contactOf(String identifier) {
    return store.findByIdentity(tenant, network(identifier));
  }

  @Override
  public Optional<String> identityOf(String identifier) {
    return contactOf(identifier).map(c -> c.details().getOrDefault(IDENTITY, identifier));
  }

  @Override
  public void link(String identifier, String identity) {
    try {
      update(identity, c -> c.identities().contains(network(identifier)) ? c : with(c, network(identifier), Map.of()));
    } catch (IllegalArgumentException e) {
      // the identifier already belongs to another contact (an operator linked it): that link stands
    }
  }

  @Override
  public Optional<String> addressOf(String identity) {
    return contactOf(identity).map(c -> c.details().get(ADDRESS)).filter(a -> !a.equals(identity));
  }

  @Override
  public void reachAt(String identity, String address) {
    update(identity, c -> address.equals(c.details().get(ADDRESS)) ? c : with(c, null, Map.of(ADDRESS, address)));
  }

  /** Applies {@code change} to the person's contact (made when there is none), retrying a concurrent write. */
  private void update(String identity, UnaryOperator<ContactRecord> change) {
    for (int attempt = 1; ; attempt++) {
      ContactRecord current = contactOf(identity).orElseGet(() -> new ContactRecord(tenant,
          "whatsapp:" + identity, identity, List.of(network(identity)), Map.of(IDENTITY, identity), clock.instant(), 0));
      ContactRecord changed = change.apply(current);
      if (changed == current && current.version() > 0) {
        return;
      }
      try {
        store.save(changed);
        return;
      } catch (StaleWriteException e) {
        if (attempt == TRIES) {
          throw e;
        }
      }
    }
  }

  private static ContactRecord with(ContactRecord c, @Nullable Identity extra, Map<String, String> details) {
    List<Identity> identities = new ArrayList<>(c.identities());
    if (extra != null) {
      identities.add(extra);
    }
    Map<String, String> merged = new LinkedHashMap<>(c.details());
    merged.putAll(details);
    return new ContactRecord(c.tenant(), c.id(), c.name(), identities, merged, c.createdAt(), c.version());
  }
}
