package dev.parley.core.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("An inbound request")
class InboundRequestTest {
  @Test
  @DisplayName("finds headers whatever their case, keeping every value in order")
  void headers() {
    InboundRequest r = InboundRequest.builder("post", URI.create("/x"))
        .header("X-Hub-Signature-256", "a").header("x-hub-signature-256", "b").build();

    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.header("X-HUB-SIGNATURE-256")).contains("a");
    assertThat(r.headers().get("x-hub-signature-256")).containsExactly("a", "b");
    assertThat(r.header("Missing")).isEmpty();
  }

  @Test
  @DisplayName("decodes query parameters, a parameter without a value being empty")
  void query() {
    InboundRequest r = InboundRequest.builder("GET",
        URI.create("https://cc.example/wa?hub.mode=subscribe&hub.challenge=a%20b&flag")).build();

    assertThat(r.queryParameter("hub.mode")).contains("subscribe");
    assertThat(r.queryParameter("hub.challenge")).contains("a b");
    assertThat(r.queryParameter("flag")).contains("");
    assertThat(r.queryParameter("none")).isEmpty();
  }

  @Test
  @DisplayName("copies its body in and out, so nobody can change it afterwards")
  void bodyCopied() {
    byte[] body = {1, 2, 3};
    InboundRequest r = InboundRequest.builder("POST", URI.create("/x")).body(body).build();

    body[0] = 9;
    r.body()[1] = 9;

    assertThat(r.body()).containsExactly(1, 2, 3);
    assertThat(r.bodyLength()).isEqualTo(3);
  }
}
