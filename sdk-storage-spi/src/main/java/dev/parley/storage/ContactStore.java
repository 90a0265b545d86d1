package dev.parley.storage;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A tenant's contact directory. A contact's sessions are the sessions linked to it ({@link
 * SessionRecord#contact()}), found with {@link SessionQuery.Builder#contact}.
 *
 * <p>Threading: called by administrators' and operators' requests and by the engine's writer
 * threads. A call may block on I/O. Durability and failure: as for {@link SessionStore}.
 *
 * <p>Thread safety: implementations must be thread-safe.
 */
public interface ContactStore {
  /**
   * Stores a contact and returns it at its new version: version 0 creates it, any other version
   * replaces the stored one if that is still at this version. The version is checked first.
   *
   * @return the contact as stored: equal to {@code contact} but at {@code version + 1}
   * @throws StaleWriteException if version 0 names a contact that exists or a version is not the
   *     stored one (nothing is written)
   * @throws IllegalArgumentException if one of its identities belongs to another contact of the
   *     tenant (nothing is written)
   */
  ContactRecord save(ContactRecord contact);

  /** Returns a contact, or empty if there is none. */
  Optional<ContactRecord> find(String tenant, String id);

  /** Returns the contact that has this identity, or empty if none has. */
  Optional<ContactRecord> findByIdentity(String tenant, ContactRecord.Identity identity);

  /**
   * Returns the contacts with an identity whose value or {@linkplain
   * ContactRecord.Identity#identifier() identifier} is {@code identifier}, whatever its kind and
   * network: {@code US.134912} finds the contact with {@code WHATSAPP:US.134912}, as {@code
   * WHATSAPP:US.134912} does, and {@code +420601234567} the one with that phone. Meant
   * for rare lookups such as an erasure (a store may read all of the tenant's identities).
   *
   * @return the contacts, ordered by id
   */
  List<ContactRecord> findByIdentifier(String tenant, String identifier);

  /**
   * Returns a page of a tenant's contacts ordered by name, then id (each as {@link
   * String#compareTo} orders them). The cursor is a keyset position, stable when contacts are
   * stored or removed between pages, and null when no contact follows the page.
   *
   * @param cursor null for the first page, else the cursor of the page before
   * @param limit 1 to {@link SessionQuery#MAX_LIMIT}
   * @throws IllegalArgumentException if the limit is out of range, or the cursor was not handed
   *     out by this store for this tenant's list
   */
  Page<ContactRecord> list(String tenant, @Nullable String cursor, int limit);

  /**
   * Removes a contact and unlinks its sessions from it, atomically (in the {@link SessionStore}
   * of the same storage; the sessions stay, each with no contact at its next version, so that a
   * writer still holding the linked version gets a {@link StaleWriteException}). Its identities
   * are free for other contacts afterwards.
   *
   * @return whether there was such a contact
   */
  boolean remove(String tenant, String id);
}
