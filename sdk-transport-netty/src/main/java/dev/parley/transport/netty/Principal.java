package dev.parley.transport.netty;

import static java.util.Objects.requireNonNull;

import dev.parley.core.OperatorId;
import dev.parley.core.SessionId;
import dev.parley.core.TenantId;

/**
 * Who a request or a connection acts for, as an {@link Authenticator} established it: an
 * administrator, an operator or a web-chat client, always within one tenant.
 *
 * <ul>
 *   <li>An {@linkplain Kind#ADMIN administrator} uses the admin API of his tenant; {@code subject}
 *       is his name, recorded as the actor of what he does.
 *   <li>An {@linkplain Kind#OPERATOR operator} uses the operator console; {@code subject} is his
 *       operator id.
 *   <li>A {@linkplain Kind#CLIENT client} acts on one session; {@code subject} is its id.
 * </ul>
 *
 * <p>Thread safety: immutable.
 *
 * @param kind what the principal may do
 * @param tenant the only tenant he may act on
 * @param subject the administrator's name, the operator's id or the client's session id
 */
public record Principal(Kind kind, TenantId tenant, String subject) {
  /** The three roles the transport knows. */
  public enum Kind {
    /** Uses the admin REST API of his tenant. */
    ADMIN,
    /** Uses the operator console WebSocket. */
    OPERATOR,
    /** A web-chat client bound to one session. */
    CLIENT
  }

  /** Checks the components: {@code subject} is not blank and holds no control character. */
  public Principal {
    requireNonNull(kind, "kind");
    requireNonNull(tenant, "tenant");
    requireNonNull(subject, "subject");
    if (subject.isBlank() || subject.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("a principal's subject is a non-blank line, not \"" + subject + "\"");
    }
  }

  /** An administrator of {@code tenant}, named {@code name}. */
  public static Principal admin(TenantId tenant, String name) {
    return new Principal(Kind.ADMIN, tenant, name);
  }

  /** An operator of {@code tenant}. */
  public static Principal operator(TenantId tenant, OperatorId operator) {
    return new Principal(Kind.OPERATOR, tenant, operator.value());
  }

  /** The client of one session of {@code tenant}. */
  public static Principal client(TenantId tenant, SessionId session) {
    return new Principal(Kind.CLIENT, tenant, session.value());
  }

  /**
   * The operator id of an operator principal.
   *
   * @throws IllegalStateException if this is not an operator
   */
  public OperatorId operator() {
    if (kind != Kind.OPERATOR) {
      throw new IllegalStateException(this + " is not an operator");
    }
    return OperatorId.of(subject);
  }

  /**
   * The session of a client principal.
   *
   * @throws IllegalStateException if this is not a client
   */
  public SessionId session() {
    if (kind != Kind.CLIENT) {
      throw new IllegalStateException(this + " is not a client");
    }
    return SessionId.of(subject);
  }

  @Override
  public String toString() {
    return kind.name().toLowerCase(java.util.Locale.ROOT) + " " + subject + " of " + tenant;
  }
}
