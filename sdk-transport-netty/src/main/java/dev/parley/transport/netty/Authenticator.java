package dev.parley.transport.netty;

import java.util.Optional;

/**
 * Turns a credential into a {@link Principal}: the host's own users and tokens, plugged into the
 * server through {@link ParleyServer.Builder#authenticator}.
 *
 * <p>The server asks with the credential it was given: the bearer token of an {@code
 * Authorization: Bearer …} header or of the {@code parley_token} cookie on HTTP, and the {@code
 * token} of an operator console's {@code login} frame. It never asks for web-chat clients: their
 * session tokens are the server's own.
 *
 * <p>Threading: called on one of the server's worker threads, never on a Netty I/O thread, by
 * any number of threads at once; an implementation must be thread-safe. It may block (a database
 * or an identity provider lookup), but holds a worker meanwhile, so cache where lookups are slow.
 *
 * <p>Failure: return {@link Optional#empty()} for a credential that is unknown, expired or
 * forged (the caller gets {@code 401} or an {@code unauthorized} error frame). An exception is
 * logged at {@code warn} and answered as {@code 500} / an {@code internal} error frame; the
 * credential is never logged.
 *
 * <pre>{@code
 * Authenticator users = token -> accounts.findByApiToken(token)
 *     .map(a -> Principal.admin(TenantId.of(a.company()), a.login()));
 * }</pre>
 */
@FunctionalInterface
public interface Authenticator {
  /** Refuses every credential: the default, under which only web-chat clients and webhooks work. */
  Authenticator DENY_ALL = credential -> Optional.empty();

  /**
   * The principal {@code credential} stands for.
   *
   * @param credential the token as the caller presented it, never blank
   * @return the principal, or empty if the credential is not valid
   */
  Optional<Principal> authenticate(String credential);
}
