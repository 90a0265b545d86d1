package dev.parley.channels.email;

import dev.parley.storage.ConfigRecord;
import dev.parley.storage.ConfigStore;
import java.util.Map;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * An {@link ImapPoller.Checkpoint} in the tenant's configuration store: one record per mailbox, of
 * kind {@value #KIND}, holding the folder's UIDVALIDITY and the last UID delivered under it. Only
 * its poller writes it, so the record is read once and kept; each delivery writes it through
 * before the poller goes on, so a restart starts after the last mail the engine took.
 *
 * <p>Thread safety: its poller's thread only, as {@link ImapPoller.Checkpoint} is called.
 */
final class StoredCheckpoint implements ImapPoller.Checkpoint {
  static final String KIND = "imap.checkpoint";
  private static final String VALIDITY = "uidValidity";
  private static final String UID = "uid";

  private final ConfigStore store;
  private final String tenant;
  private final String mailbox;
  private boolean read;
  private long validity;
  private long uid = -1; // none delivered under validity

  StoredCheckpoint(ConfigStore store, String tenant, String mailbox) {
    this.store = store;
    this.tenant = tenant;
    this.mailbox = mailbox;
  }

  @Override
  public OptionalLong lastUid(long uidValidity) {
    if (!read) {
      ConfigRecord stored = find();
      if (stored != null) {
        validity = number(stored, VALIDITY);
        uid = number(stored, UID);
      }
      read = true;
    }
    return uidValidity == validity && uid >= 0 ? OptionalLong.of(uid) : OptionalLong.empty();
  }

  @Override
  public void delivered(long uidValidity, long uid) {
    if (uidValidity == validity && uid <= this.uid) {
      return;
    }
    // a new UIDVALIDITY makes the old UIDs meaningless (RFC 3501 §2.3.1.1): it replaces them
    store.put(new ConfigRecord(tenant, KIND, mailbox,
        Map.of(VALIDITY, Long.toString(uidValidity), UID, Long.toString(uid))));
    this.validity = uidValidity;
    this.uid = uid;
    read = true;
  }

  private @Nullable ConfigRecord find() {
    for (ConfigRecord r : store.list(tenant)) {
      if (r.kind().equals(KIND) && r.key().equals(mailbox)) {
        return r;
      }
    }
    return null;
  }

  private long number(ConfigRecord r, String property) {
    String value = r.properties().get(property);
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalStateException("the IMAP checkpoint of " + mailbox + " in tenant " + tenant
          + " has a malformed " + property + ": " + value, e);
    }
  }
}
