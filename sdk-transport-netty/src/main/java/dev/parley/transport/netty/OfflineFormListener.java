package dev.parley.transport.netty;

import dev.parley.core.TenantId;
import java.util.Map;

/**
 * Receives the offline forms web-chat clients fill in when nobody was online: the tenant's
 * request to call or write back, to be mailed or handed to its systems. Registered through
 * {@link ParleyServer.Builder#offlineForms}.
 *
 * <p>Threading: called on one of the server's worker threads, possibly several at once; it may
 * block (send a mail), but holds a worker meanwhile.
 *
 * <p>Failure: an exception is logged at {@code warn} and the client gets an {@code Internal}
 * error frame; nothing is retried.
 */
@FunctionalInterface
public interface OfflineFormListener {
  /** Drops every form: the default. */
  OfflineFormListener NONE = (tenant, fields) -> {};

  /**
   * One filled-in form.
   *
   * @param tenant the tenant the client wrote to
   * @param fields the form's fields as the widget named them ({@code name}, {@code email}, {@code
   *     phone}, {@code text}, …), in the order sent
   */
  void submitted(TenantId tenant, Map<String, String> fields);
}
