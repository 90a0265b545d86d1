package dev.parley.transport.netty;

import static dev.parley.transport.netty.Center.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A client that stops reading")
class SlowConsumerTest {
  private final Center center = new Center((parley, b) -> b.outboundBuffer(8 * 1024, 16 * 1024)
      .slowConsumerTimeout(Duration.ofMillis(300)).rateLimit(100_000, 100_000));

  @AfterEach
  void stop() {
    center.close();
  }

  @Test
  @DisplayName("is disconnected once its buffer stays full, instead of growing the server's heap")
  void disconnected() throws Exception {
    Ws alice = Ws.open(center, "/ws/operator");
    alice.send("{\"type\":\"login\",\"token\":\"" + center.operatorToken(ALICE) + "\"}");
    alice.next("welcome");

    try (Socket raw = new Socket()) {
      raw.setReceiveBufferSize(4096);
      raw.connect(new InetSocketAddress("127.0.0.1", center.server.port()), 5_000);
      raw.setSoTimeout(30_000);
      OutputStream out = raw.getOutputStream();
      InputStream in = raw.getInputStream();
      out.write(("GET /ws/client HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      readUntil(in, Pattern.compile("(101) Switching Protocols")); // a client waits for it before it sends
      out.write(maskedText("{\"type\":\"enter\",\"tenant\":\"acme\"}"));
      String session = readUntil(in, Pattern.compile("\"entered\",\"session\":\"([^\"]+)\""));
      alice.send("{\"type\":\"accept\",\"session\":\"" + session + "\",\"ref\":\"a\"}");
      alice.next("ok");

      String text = "x".repeat(1000);
      for (int i = 0; i < 4000; i++) {
        alice.send("{\"type\":\"send\",\"session\":\"" + session + "\",\"text\":\"" + text + "\"}");
      }
      alice.send("{\"type\":\"picker\",\"ref\":\"last\"}");
      alice.next("picker");

      long read = drainToEnd(in);
      assertThat(read).as("bytes the client got before the server hung up").isLessThan(4000L * 1000);
    }
    assertThat(center.server.openWebSockets()).isEqualTo(1);
  }

  /** Reads until the server closes; fails by time-out if it never does. */
  private static long drainToEnd(InputStream in) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    try {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        total += n;
      }
    } catch (SocketException reset) {
      // the server closed with data we had not read: a reset is as good as an end
    }
    return total;
  }

  private static String readUntil(InputStream in, Pattern pattern) throws IOException {
    ByteArrayOutputStream seen = new ByteArrayOutputStream();
    byte[] buffer = new byte[4096];
    while (true) {
      int n = in.read(buffer);
      assertThat(n).as("the server's answer").isPositive();
      seen.write(buffer, 0, n);
      Matcher m = pattern.matcher(seen.toString(StandardCharsets.ISO_8859_1));
      if (m.find()) {
        return m.group(1);
      }
    }
  }

  /** A client text frame with the all-zero mask, so the payload goes as it is. */
  private static byte[] maskedText(String json) {
    byte[] payload = json.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.write(0x81);
    frame.write(0x80 | payload.length); // under 126 bytes
    frame.writeBytes(new byte[4]);
    frame.writeBytes(payload);
    return frame.toByteArray();
  }
}
