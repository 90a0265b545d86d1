package dev.parley.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.OperatorId;
import dev.parley.core.TenantId;
import dev.parley.transport.netty.Principal;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("The demo's users")
class DemoAuthenticatorTest {
  private static final TenantId DEMO = TenantId.of("demo");
  private final DemoAuthenticator users = new DemoAuthenticator(DEMO, "admin-t0ken", "pw:with:colons",
      Set.of(OperatorId.of("alice"), OperatorId.of("bob"))::contains);

  @Test
  @DisplayName("the admin token is the administrator; name:password is a known operator")
  void known() {
    assertThat(users.authenticate("admin-t0ken")).contains(Principal.admin(DEMO, "admin"));
    assertThat(users.authenticate("alice:pw:with:colons")).contains(Principal.operator(DEMO, OperatorId.of("alice")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"admin-t0ke", "admin-t0ken ", "alice:pw", "alice:", ":pw:with:colons", "carol:pw:with:colons",
      "bad id!:pw:with:colons", "alice:pw:with:colons:", "bob"})
  @DisplayName("anything else is nobody")
  void unknown(String credential) {
    assertThat(users.authenticate(credential)).isEmpty();
  }
}
