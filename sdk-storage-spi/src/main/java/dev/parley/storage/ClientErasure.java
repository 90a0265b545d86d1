package dev.parley.storage;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What {@link Storage#erase} erased of one client: the sessions that lost his identity and
 * transcript, the contacts removed, and how many outbox and configuration records about those
 * sessions went with them.
 *
 * <p>Thread safety: immutable.
 *
 * @param client the client's identifier as given
 * @param sessions the ids of the sessions erased, in no particular order
 * @param contacts the ids of the contacts removed
 * @param outboxRecords how many outbox records were removed
 * @param configRecords how many configuration records (such as webhooks' dead letters) were removed
 */
public record ClientErasure(String client, List<String> sessions, List<String> contacts, int outboxRecords,
    int configRecords) {
  /** Checks the components and copies the lists. */
  public ClientErasure {
    requireNonNull(client, "client must not be null");
    sessions = List.copyOf(sessions);
    contacts = List.copyOf(contacts);
    if (outboxRecords < 0 || configRecords < 0) {
      throw new IllegalArgumentException("counts must not be negative, were: " + outboxRecords + ", " + configRecords);
    }
  }
}
