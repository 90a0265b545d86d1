package dev.parley.core.internal;

import dev.parley.core.Command;
import dev.parley.storage.ContactRecord;
import dev.parley.storage.SessionRecord;
import dev.parley.storage.StaleWriteException;
import dev.parley.storage.Storage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One client-tab edit ({@link Command.EditClient}) laid onto the contact its session is linked
 * to, once the session is stored: a name becomes the contact's name, a phone or an e-mail one
 * more of his identities, a host's identifier field the custom identity {@code field:value}. A
 * session linked to no contact changes nothing, and a value that is already another contact's
 * identity stays that contact's (the operator links the session to him instead).
 *
 * <p>Concurrency: run by the partition's writer, as the other writes of a pass are; a contact
 * written meanwhile by someone else is read again.
 */
record ContactEdits(String tenant, String session, String field, String value) {
  /** The reason of the transition that records an edit, before the field's name. */
  static final String REASON_PREFIX = "CLIENT_EDITED:";

  void apply(Storage storage) {
    Optional<String> linked = storage.sessions().find(tenant, session).flatMap(SessionRecord::contact);
    while (linked.isPresent()) {
      Optional<ContactRecord> contact = storage.contacts().find(tenant, linked.get());
      if (contact.isEmpty()) {
        return; // removed meanwhile: the session is unlinked with it
      }
      ContactRecord edited = edited(contact.get());
      if (edited.equals(contact.get())) {
        return;
      }
      try {
        storage.contacts().save(edited);
        return;
      } catch (StaleWriteException e) {
        // written meanwhile: read it again
      } catch (IllegalArgumentException e) {
        return; // the identity is another contact's: the store refused it and wrote nothing
      }
    }
  }

  private ContactRecord edited(ContactRecord c) {
    if (field.equals(Command.EditClient.NAME)) {
      return new ContactRecord(c.tenant(), c.id(), value, c.identities(), c.details(), c.createdAt(), c.version());
    }
    ContactRecord.Identity identity = identity();
    if (c.identities().contains(identity)) {
      return c;
    }
    List<ContactRecord.Identity> identities = new ArrayList<>(c.identities());
    identities.add(identity);
    return new ContactRecord(c.tenant(), c.id(), c.name(), identities, c.details(), c.createdAt(), c.version());
  }

  private ContactRecord.Identity identity() {
    switch (field) {
      case Command.EditClient.PHONE:
        return new ContactRecord.Identity(ContactRecord.Identity.Kind.PHONE, value);
      case Command.EditClient.EMAIL:
        return new ContactRecord.Identity(ContactRecord.Identity.Kind.EMAIL, value);
      default:
        return new ContactRecord.Identity(ContactRecord.Identity.Kind.CUSTOM, field + ":" + value);
    }
  }
}
