package dev.parley.transport.netty;

import dev.parley.core.TenantId;
import dev.parley.storage.ContactRecord;
import dev.parley.storage.ContactStore;
import dev.parley.storage.Page;
import dev.parley.storage.SessionQuery;
import dev.parley.storage.SessionRecord;
import dev.parley.storage.StaleWriteException;
import dev.parley.storage.Storage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The console's contact directory: add a session's client, link and unlink a session, add
 * identities and details, remove, open a contact with his sessions across channels, find one.
 * Contacts are the storage's (as the admin API's are); a session's link is written with the
 * storage's re-reading {@link Storage#link}, which the engine keeps to as it goes on writing the
 * session.
 *
 * <p>Threading: called on a worker thread, for the storage may block.
 */
final class ConsoleContacts {
  /** How many sessions an opened contact lists, and how many contacts a search finds at most. */
  static final int MOST = 50;
  /** How many contacts a search by name reads at most. */
  private static final int NAMES_READ = 5 * SessionQuery.MAX_LIMIT;

  private final Storage storage;
  private final Clock clock;

  ConsoleContacts(Storage storage, Clock clock) {
    this.storage = storage;
    this.clock = clock;
  }

  ObjectNode add(TenantId tenant, OperatorFrame.AddContact frame) {
    return opened(tenant, storage.contactFromSession(tenant.value(), frame.session().value(), UUID.randomUUID().toString(),
        frame.name(), clock.instant()));
  }

  /** Links or unlinks; answers the contact, or the session's lack of one. */
  ObjectNode link(TenantId tenant, OperatorFrame.Link frame) {
    if (frame.contact() == null) {
      storage.link(tenant.value(), frame.session().value(), null);
      return Frames.session("unlinked", frame.session());
    }
    ContactRecord contact = find(tenant, frame.contact());
    storage.link(tenant.value(), frame.session().value(), contact.id());
    return opened(tenant, contact);
  }

  ObjectNode addDetails(TenantId tenant, OperatorFrame.AddDetails frame) {
    ContactStore contacts = storage.contacts();
    while (true) {
      ContactRecord c = find(tenant, frame.contact());
      List<ContactRecord.Identity> identities = new ArrayList<>(c.identities());
      frame.identities().stream().filter(i -> !identities.contains(i)).forEach(identities::add);
      Map<String, String> details = new LinkedHashMap<>(c.details());
      details.putAll(frame.details());
      try {
        return opened(tenant, contacts.save(
            new ContactRecord(c.tenant(), c.id(), c.name(), identities, details, c.createdAt(), c.version())));
      } catch (StaleWriteException e) {
        // written meanwhile: read it again
      }
    }
  }

  ObjectNode remove(TenantId tenant, OperatorFrame.RemoveContact frame) {
    if (!storage.contacts().remove(tenant.value(), frame.contact())) {
      throw noSuchContact(frame.contact());
    }
    return Frames.of("contact_removed").put("contact", frame.contact());
  }

  ObjectNode open(TenantId tenant, OperatorFrame.OpenContact frame) {
    return opened(tenant, find(tenant, frame.contact()));
  }

  /** Those with an identity {@code query} first, then those whose name contains it, by name. */
  ObjectNode find(TenantId tenant, OperatorFrame.FindContacts frame) {
    Map<String, ContactRecord> found = new LinkedHashMap<>();
    storage.contacts().findByIdentifier(tenant.value(), frame.query()).forEach(c -> found.put(c.id(), c));
    String name = frame.query().strip().toLowerCase(Locale.ROOT);
    String cursor = null;
    for (int read = 0; read < NAMES_READ && found.size() < MOST; read += SessionQuery.MAX_LIMIT) {
      Page<ContactRecord> page = storage.contacts().list(tenant.value(), cursor, SessionQuery.MAX_LIMIT);
      page.items().stream().filter(c -> c.name().toLowerCase(Locale.ROOT).contains(name))
          .forEach(c -> found.putIfAbsent(c.id(), c));
      cursor = page.next();
      if (cursor == null) {
        break;
      }
    }
    ObjectNode answer = Frames.of("contacts");
    ArrayNode items = answer.putArray("items");
    found.values().stream().limit(MOST).forEach(c -> items.add(Views.contact(c)));
    return answer;
  }

  /** The contact and his {@value #MOST} latest sessions, whatever their channel. */
  private ObjectNode opened(TenantId tenant, ContactRecord contact) {
    ObjectNode answer = Frames.of("contact");
    answer.set("contact", Views.contact(contact));
    ArrayNode sessions = answer.putArray("sessions");
    for (SessionRecord r : storage.sessions().query(SessionQuery.builder(tenant.value()).contact(contact.id())
        .order(SessionQuery.Order.NEWEST_FIRST).limit(MOST).build()).items()) {
      sessions.add(Views.session(r));
    }
    return answer;
  }

  private ContactRecord find(TenantId tenant, String id) {
    return storage.contacts().find(tenant.value(), id).orElseThrow(() -> noSuchContact(id));
  }

  private static WireException noSuchContact(String id) {
    return new WireException(404, "NoSuchContact", "no contact " + id + "; find one with contacts");
  }
}
