package dev.parley.examples.demo;

import dev.parley.examples.BadOptionException;
import dev.parley.examples.CommandLine;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code demo} command's options, defaults filled in: secrets not given are made up at random
 * and printed, the data directory defaults to {@code ~/.parley/demo}.
 *
 * @param bind the address to listen on; loopback unless told
 * @param port the port; 0 for any free one
 * @param dataDir where the embedded database keeps the center
 * @param adminToken what the admin page presents
 * @param operatorPassword what every operator logs in with, beside his name
 * @param whatsAppAppSecret the Meta app secret WhatsApp webhooks are signed with
 * @param whatsAppVerifyToken the token Meta's webhook handshake carries
 * @param whatsAppAccessToken the token replies are sent to WhatsApp with, if any
 * @param whatsAppPhoneNumberId the business number replies are sent from
 */
record DemoOptions(String bind, int port, Path dataDir, String adminToken, String operatorPassword,
    String whatsAppAppSecret, String whatsAppVerifyToken, Optional<String> whatsAppAccessToken,
    String whatsAppPhoneNumberId) {
  static final String USAGE = "usage: java -jar parley-examples.jar demo [--port 8080] [--bind 127.0.0.1]\n"
      + "    [--data-dir DIR] [--admin-token TOKEN] [--operator-password PASSWORD]\n"
      + "    [--whatsapp-app-secret S] [--whatsapp-verify-token V]\n"
      + "    [--whatsapp-access-token T] [--whatsapp-phone-number-id ID]\n"
      + "Starts a demo contact center on an embedded database: an operator console, a chat widget and\n"
      + "an admin page in the browser, and the WhatsApp webhook. Stop it with Ctrl-C.";

  private static final Set<String> OPTIONS = Set.of("--port", "--bind", "--data-dir", "--admin-token",
      "--operator-password", "--whatsapp-app-secret", "--whatsapp-verify-token", "--whatsapp-access-token",
      "--whatsapp-phone-number-id");
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * Reads the command line.
   *
   * @throws BadOptionException naming the first option that is unknown, malformed or out of range
   */
  static DemoOptions parse(String[] args) {
    CommandLine line = CommandLine.read(args, OPTIONS, Set.of());
    int port = line.whole("--port", 8080);
    if (port < 0 || port > 65_535) {
      throw new BadOptionException("--port must be 0 to 65535, not " + port);
    }
    return new DemoOptions(
        nonBlank(line, "--bind").orElse("127.0.0.1"),
        port,
        nonBlank(line, "--data-dir").map(Path::of)
            .orElseGet(() -> Path.of(System.getProperty("user.home"), ".parley", "demo")),
        nonBlank(line, "--admin-token").orElseGet(DemoOptions::random),
        nonBlank(line, "--operator-password").orElse("parley"),
        nonBlank(line, "--whatsapp-app-secret").orElseGet(DemoOptions::random),
        nonBlank(line, "--whatsapp-verify-token").orElseGet(DemoOptions::random),
        nonBlank(line, "--whatsapp-access-token"),
        nonBlank(line, "--whatsapp-phone-number-id").orElse("demo"));
  }

  /** A value that must not be blank when given. */
  private static Optional<String> nonBlank(CommandLine line, String name) {
    Optional<String> value = line.value(name);
    if (value.isPresent() && value.get().isBlank()) {
      throw new BadOptionException(name + " must not be blank");
    }
    return value;
  }

  private static String random() {
    byte[] bytes = new byte[18];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
