package dev.parley.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletionException;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PagesTest {
  private final Center center = new Center((parley, b) -> b.pages(PagesTest.class.getClassLoader(),
      "dev/parley/transport/netty/site"));

  @AfterEach
  void close() {
    center.close();
  }

  @Test
  void servesTheIndexAndFilesWithTheirTypesAndPolicy() throws Exception {
    Center.Answer index = center.get("/", "none");
    assertThat(index.status()).isEqualTo(200);
    assertThat(index.contentType()).isEqualTo("text/html; charset=utf-8");
    assertThat(index.body()).contains("<title>Home</title>");
    assertThat(center.get("/app.js", "none").contentType()).startsWith("text/javascript");
    assertThat(center.get("/css/site.css", "none").contentType()).startsWith("text/css");
    try (okhttp3.Response page = center.http.newCall(new Request.Builder().url(center.url("/index.html")).build()).execute()) {
      assertThat(page.header("Content-Security-Policy")).contains("default-src 'self'").contains("frame-ancestors 'none'");
      assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"/missing.html", "/.hidden.txt", "/notes.md", "/css", "/css/", "/..%2Fsite%2Findex.html",
      "/css/..%2Findex.html", "/a/b/c/d/e.html", "/%2e%2e/site/index.html"})
  void answersNotFoundForWhatIsNotAPlainKnownFile(String path) throws Exception {
    assertThat(center.get(path, "none").status()).as(path).isEqualTo(404);
  }

  @Test
  void theApiKeepsItsRoutesAndOtherMethodsAreNotServed() throws Exception {
    assertThat(center.get("/api/v1/tenants/acme/sessions", "none").status()).isEqualTo(401);
    assertThat(center.send("POST", "/index.html", "none", "{}").status()).isEqualTo(404);
  }

  @Test
  void letsThePagesOwnOriginOpenWebSocketsButNotOthers() {
    String own = center.server.uri().toString();
    Ws ws = new Ws(center.http, new Request.Builder().url(center.url("/ws/client")).header("Origin", own).build());
    assertThat(ws.opened.join().code()).isEqualTo(101);
    Ws other = new Ws(center.http, new Request.Builder().url(center.url("/ws/client"))
        .header("Origin", "http://localhost:1").build());
    assertThatThrownBy(other.opened::join).isInstanceOf(CompletionException.class).hasMessageContaining("403");
  }

  @Test
  void withoutPagesTheOwnOriginIsNotLetIn() {
    try (Center plain = new Center()) {
      Ws ws = new Ws(plain.http, new Request.Builder().url(plain.url("/ws/client"))
          .header("Origin", plain.server.uri().toString()).build());
      assertThatThrownBy(ws.opened::join).isInstanceOf(CompletionException.class).hasMessageContaining("403");
    }
  }

  @Test
  void refusesAFolderThatIsNotOne() {
    ParleyServer.Builder builder = ParleyServer.builder(center.parley);
    assertThatThrownBy(() -> builder.pages(getClass().getClassLoader(), "/")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.pages(getClass().getClassLoader(), "a/../b")).isInstanceOf(IllegalArgumentException.class);
  }
}
