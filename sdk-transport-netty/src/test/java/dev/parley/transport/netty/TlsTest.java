package dev.parley.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("TLS")
class TlsTest {
  private static final char[] PASSWORD = "changeit".toCharArray();

  @TempDir
  Path dir;

  /** A self-signed certificate for 127.0.0.1, made by the JDK's own keytool. */
  private KeyStore keyStore() throws Exception {
    Path file = dir.resolve("server.p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", "parley", "-keyalg", "EC",
        "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1", "-validity", "2",
        "-keystore", file.toString(), "-storetype", "PKCS12", "-storepass", new String(PASSWORD)))
        .redirectErrorStream(true).start();
    process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isZero();
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      store.load(in, PASSWORD);
    }
    return store;
  }

  @Test
  @DisplayName("with a server SslContext the same routes are served over HTTPS and WSS")
  void https() throws Exception {
    KeyStore store = keyStore();
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, PASSWORD);
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store);
    SSLContext client = SSLContext.getInstance("TLS");
    client.init(null, trust.getTrustManagers(), null);

    try (Center center = new Center((parley, b) -> b.tls(tlsOrThrow(keys)))) {
      assertThat(center.server.uri().getScheme()).isEqualTo("https");
      OkHttpClient https = center.http.newBuilder()
          .sslSocketFactory(client.getSocketFactory(), (X509TrustManager) trust.getTrustManagers()[0]).build();
      try (Response response = https.newCall(new Request.Builder().url(center.url("/api/v1/openapi.json")).build()).execute()) {
        assertThat(response.code()).isEqualTo(200);
        assertThat(response.handshake()).isNotNull();
      }
      Ws ws = new Ws(https, new Request.Builder().url(center.url("/ws/client")).build());
      assertThat(ws.opened.join().code()).isEqualTo(101);
      ws.send("{\"type\":\"typing\"}");
      ws.error("Unauthorized");
    }
  }

  private static io.netty.handler.ssl.SslContext tlsOrThrow(KeyManagerFactory keys) {
    try {
      return SslContextBuilder.forServer(keys).build();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
