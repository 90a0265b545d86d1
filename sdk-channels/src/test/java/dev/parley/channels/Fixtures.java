package dev.parley.channels;

import dev.parley.channels.internal.Hmac;
import dev.parley.core.channel.InboundRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * The vendor payloads in {@code shared/fixtures}, byte for byte, and the test secrets they were
 * signed with. The directory comes from the {@code parley.fixtures} system property (set by the
 * build), or {@code ../shared/fixtures} from the module.
 */
public final class Fixtures {
  /** The Meta app secret the fixtures' signatures were computed with. */
  public static final String APP_SECRET = "test-app-secret";

  private Fixtures() {}

  /** The fixture's exact bytes. */
  public static byte[] bytes(String path) {
    try {
      return Files.readAllBytes(root().resolve(path));
    } catch (IOException e) {
      throw new UncheckedIOException("fixture " + path + " not found under " + root()
          + ": check out shared/ beside the repository", e);
    }
  }

  /**
   * A payload kept with the tests, under {@code src/test/resources/dev/parley/channels/fixtures}
   * (its README says where each comes from), byte for byte.
   */
  public static byte[] resource(String path) {
    try (var in = Fixtures.class.getResourceAsStream("fixtures/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("no test fixture " + path + " under dev/parley/channels/fixtures");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The fixture as UTF-8 text. */
  public static String text(String path) {
    return new String(bytes(path), StandardCharsets.UTF_8);
  }

  /** The value of the {@code X-Hub-Signature-256} line in a {@code .signature.txt} fixture. */
  public static String hubSignature(String path) {
    return text(path).lines().filter(l -> l.startsWith("X-Hub-Signature-256:"))
        .map(l -> l.substring("X-Hub-Signature-256:".length()).strip()).findFirst().orElseThrow();
  }

  /** {@code sha256=<hex>} of {@code body} under the test app secret. */
  public static String metaSignature(byte[] body) {
    return "sha256=" + HexFormat.of().formatHex(Hmac.sha256(APP_SECRET.getBytes(StandardCharsets.UTF_8), body));
  }

  /** A POST of {@code body} to {@code uri}, signed the way Meta signs. */
  public static InboundRequest metaPost(String uri, byte[] body) {
    return InboundRequest.builder("POST", URI.create(uri))
        .header("Content-Type", "application/json")
        .header("X-Hub-Signature-256", metaSignature(body))
        .body(body)
        .build();
  }

  private static Path root() {
    String configured = System.getProperty("parley.fixtures");
    return Path.of(configured != null ? configured : "../shared/fixtures");
  }
}
