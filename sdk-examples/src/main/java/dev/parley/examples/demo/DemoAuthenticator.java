package dev.parley.examples.demo;

import dev.parley.core.OperatorId;
import dev.parley.core.TenantId;
import dev.parley.transport.netty.Authenticator;
import dev.parley.transport.netty.Principal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The demo's users: one administrator, who presents the admin token, and the tenant's operators,
 * who log in to the console with {@code name:password} (the demo's one operator password). A host
 * would look its users up in its own directory instead; this is what {@link Authenticator} is for.
 *
 * <p>Thread safety: immutable.
 */
final class DemoAuthenticator implements Authenticator {
  private final TenantId tenant;
  private final byte[] adminToken;
  private final byte[] operatorPassword;
  private final Predicate<OperatorId> known;

  DemoAuthenticator(TenantId tenant, String adminToken, String operatorPassword, Predicate<OperatorId> known) {
    this.tenant = tenant;
    this.adminToken = adminToken.getBytes(StandardCharsets.UTF_8);
    this.operatorPassword = operatorPassword.getBytes(StandardCharsets.UTF_8);
    this.known = known;
  }

  @Override
  public Optional<Principal> authenticate(String credential) {
    if (same(credential, adminToken)) {
      return Optional.of(Principal.admin(tenant, "admin"));
    }
    int colon = credential.indexOf(':');
    if (colon <= 0) {
      return Optional.empty();
    }
    if (!same(credential.substring(colon + 1), operatorPassword)) {
      return Optional.empty();
    }
    OperatorId operator;
    try {
      operator = OperatorId.of(credential.substring(0, colon));
    } catch (IllegalArgumentException notAnId) {
      return Optional.empty();
    }
    return known.test(operator) ? Optional.of(Principal.operator(tenant, operator)) : Optional.empty();
  }

  private static boolean same(String given, byte[] secret) {
    return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), secret);
  }
}
