package dev.parley.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.channels.ChannelGateway;
import dev.parley.channels.whatsapp.WhatsAppAdapter;
import dev.parley.core.OperatorId;
import dev.parley.core.Parley;
import dev.parley.core.TenantId;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The README's example")
class ReadmeExampleTest {
  @Test
  @DisplayName("starts a server whose admin API answers the administrator's token")
  void example() throws Exception {
    byte[] secret = "a secret of at least thirty-two bytes".getBytes(StandardCharsets.UTF_8);
    TenantId acme = TenantId.of("acme");
    try (Parley parley = Parley.builder().build()) {
      SignedTokens tokens = SignedTokens.withKey(secret);
      ChannelGateway gateway = ChannelGateway.builder(parley, acme)
          .adapter(WhatsAppAdapter.builder("106540352242922", "access-token", "app-secret", "verify-token").build())
          .build();

      try (ParleyServer server = ParleyServer.builder(parley)
          .bind("127.0.0.1").port(0)                  // the README: 0.0.0.0 and 8080
          .authenticator(tokens)
          .tenant(acme)
          .gateway(acme, gateway)
          .allowOrigin("https://shop.example")
          .build()
          .start()) {
        String console = tokens.issue(Principal.operator(acme, OperatorId.of("alice")), Duration.ofHours(8));
        String admin = tokens.issue(Principal.admin(acme, "root"), Duration.ofHours(1));

        HttpResponse<String> statistics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(server.uri() + "/api/v1/tenants/acme/statistics"))
            .header("Authorization", "Bearer " + admin).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(statistics.statusCode()).isEqualTo(200);
        assertThat(tokens.verify(console)).contains(Principal.operator(acme, OperatorId.of("alice")));
      }
    }
  }
}
