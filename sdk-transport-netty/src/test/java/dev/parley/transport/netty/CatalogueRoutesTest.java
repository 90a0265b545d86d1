package dev.parley.transport.netty;

import static dev.parley.transport.netty.Center.ACME;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.channel.HeroCards;
import dev.parley.core.channel.OutboundMessage;
import java.io.IOException;
import java.net.URI;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Templates, starred templates and hero cards over the admin API")
class CatalogueRoutesTest {
  private static final String API = "/api/v1/tenants/acme";
  @AutoClose private final Center center = new Center();
  private final String admin = center.adminToken(ACME);

  @Test
  @DisplayName("a template is put, read with its ETag, listed, starred by an operator, and removed with its stars")
  void templates() throws IOException {
    Center.Answer put = center.send("PUT", API + "/templates/hours", admin,
        "{\"title\":\"Opening hours\",\"text\":\"We are open 8-18.\",\"language\":\"en\"}");
    assertThat(put.status()).as(put.body()).isEqualTo(200);
    assertThat(center.storage.templates().find("acme", "hours")).hasValueSatisfying(t -> {
      assertThat(t.text()).isEqualTo("We are open 8-18.");
      assertThat(t.language()).isEqualTo("en");
    });
    assertThat(center.get(API + "/templates/hours", admin).etag()).isEqualTo(put.etag());
    center.send("PUT", API + "/templates/bye", admin, "{\"title\":\"Bye\",\"text\":\"Have a nice day.\"}");
    assertThat(center.get(API + "/templates", admin).json().at("/items/0/id").asString()).isEqualTo("bye");

    assertThat(center.send("PUT", API + "/operators/alice/starred-templates/hours", admin, "").status()).isEqualTo(204);
    assertThat(center.send("PUT", API + "/operators/alice/starred-templates/hours", admin, "").status()).isEqualTo(204);
    assertThat(center.get(API + "/operators/alice/starred-templates", admin).json().at("/items/0/id").asString())
        .isEqualTo("hours");
    assertThat(center.storage.templates().starred("acme", "alice")).hasSize(1);
    assertThat(center.send("PUT", API + "/operators/alice/starred-templates/nope", admin, "").status()).isEqualTo(404);
    assertThat(center.send("PUT", API + "/operators/zed/starred-templates/hours", admin, "").status()).isEqualTo(404);

    assertThat(center.send("DELETE", API + "/operators/alice/starred-templates/hours", admin, null).status()).isEqualTo(204);
    assertThat(center.storage.templates().starred("acme", "alice")).isEmpty();
    center.send("PUT", API + "/operators/bob/starred-templates/hours", admin, "");
    assertThat(center.send("DELETE", API + "/templates/hours", admin, null, "If-Match", put.etag()).status()).isEqualTo(204);
    assertThat(center.storage.templates().starred("acme", "bob")).isEmpty();
    assertThat(center.get(API + "/templates/hours", admin).status()).isEqualTo(404);
  }

  @Test
  @DisplayName("a template without its text, or with a blank language, is a 400 naming the field, and nothing is kept")
  void templateRefusals() throws IOException {
    center.send("PUT", API + "/templates/hours", admin, "{\"title\":\"Opening hours\"}").assertRefusedField("text");
    center.send("PUT", API + "/templates/hours", admin, "{\"title\":7,\"text\":\"x\"}").assertRefusedField("title");
    assertThat(center.storage.templates().list("acme")).isEmpty();
  }

  @Test
  @DisplayName("a hero card is kept with its buttons, as the channels' cards are, and read back as it was put")
  void heroCards() throws IOException {
    String card = "{\"title\":\"Returns\",\"subtitle\":\"30 days, free\",\"imageUrl\":\"https://shop.example/r.png\","
        + "\"buttons\":[{\"title\":\"Start a return\",\"url\":\"https://shop.example/return\"},{\"title\":\"Talk to us\","
        + "\"payload\":\"talk\"}]}";
    Center.Answer put = center.send("PUT", API + "/hero-cards/returns", admin, card);
    assertThat(put.status()).as(put.body()).isEqualTo(200);
    assertThat(new HeroCards(center.storage).find(ACME, "returns")).hasValueSatisfying(c -> {
      assertThat(c.imageUrl()).isEqualTo(URI.create("https://shop.example/r.png"));
      assertThat(c.buttons()).containsExactly(
          new OutboundMessage.Button("Start a return", "", URI.create("https://shop.example/return")),
          new OutboundMessage.Button("Talk to us", "talk", null));
    });
    Center.Answer read = center.get(API + "/hero-cards/returns", admin);
    assertThat(read.etag()).isEqualTo(put.etag());
    assertThat(read.json().get("id").asString()).isEqualTo("returns");
    assertThat(center.send("PUT", API + "/hero-cards/returns", admin, card).etag()).isEqualTo(put.etag());
    assertThat(center.get(API + "/hero-cards", admin).json().get("items")).hasSize(1);

    String button = "{\"title\":\"b\",\"payload\":\"p\"}";
    center.send("PUT", API + "/hero-cards/many", admin,
        "{\"title\":\"Many\",\"buttons\":[" + String.join(",", button, button, button, button) + "]}")
            .assertRefusedField("buttons");
    center.send("PUT", API + "/hero-cards/x", admin, "{\"title\":\"X\",\"buttons\":[{\"title\":\"b\"}]}")
        .assertRefusedField("buttons[0].payload");
    center.send("PUT", API + "/hero-cards/x", admin, "{\"title\":\"X\",\"imageUrl\":\"file:/etc/passwd\"}")
        .assertRefusedField("imageUrl");
    assertThat(center.send("PUT", API + "/hero-cards/bad%20id", admin, "{\"title\":\"X\"}").status()).isEqualTo(400);
    assertThat(new HeroCards(center.storage).list(ACME).keySet()).containsExactly("returns");

    assertThat(center.send("DELETE", API + "/hero-cards/returns", admin, null).status()).isEqualTo(204);
    assertThat(center.get(API + "/hero-cards/returns", admin).status()).isEqualTo(404);
  }
}
