package dev.parley.examples.demo;

import dev.parley.examples.BadOptionException;
import dev.parley.examples.CommandLine;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
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
 * @param clientGrace how long a widget may be gone before its client has left, if set
 * @param operatorGrace how long a console may be gone before its operator is, if set
 * @param mail where e-mail goes out (offline forms, transcripts), if anywhere
 * @param whatsAppGraphUrl the Graph API's base URL replies and templates go to, if not Meta's
 */
record DemoOptions(String bind, int port, Path dataDir, String adminToken, String operatorPassword,
    String whatsAppAppSecret, String whatsAppVerifyToken, Optional<String> whatsAppAccessToken,
    String whatsAppPhoneNumberId, Optional<Duration> clientGrace, Optional<Duration> operatorGrace,
    Optional<Mail> mail, Optional<String> whatsAppGraphUrl) {
  /**
   * The SMTP server the demo mails through, and the tenant's address offline forms go to.
   *
   * @param host the SMTP server's host
   * @param port its port
   * @param offlineFormsTo the tenant's address for offline forms
   */
  record Mail(String host, int port, String offlineFormsTo) {}

  static final String USAGE = "usage: java -jar parley-examples.jar demo [--port 8080] [--bind 127.0.0.1]\n"
      + "    [--data-dir DIR] [--admin-token TOKEN] [--operator-password PASSWORD]\n"
      + "    [--whatsapp-app-secret S] [--whatsapp-verify-token V]\n"
      + "    [--whatsapp-access-token T] [--whatsapp-phone-number-id ID]\n"
      + "    [--client-grace 60s] [--operator-grace 60s]\n"
      + "    [--smtp HOST:PORT --offline-forms-to ADDRESS] [--whatsapp-graph-url URL]\n"
      + "Starts a demo contact center on an embedded database: an operator console, a chat widget and\n"
      + "an admin page in the browser, and the WhatsApp webhook. Stop it with Ctrl-C.\n"
      + "--client-grace: how long a closed chat tab may stay closed before its client has left (he is\n"
      + "abandoned, or his chat ended); --operator-grace: how long a closed console may stay closed before\n"
      + "its operator is set away and his chats go back to the queue. Durations: 30s, 2m, 1h; 0 to 1 day;\n"
      + "kept in the tenant's settings until changed again.\n"
      + "--smtp: the SMTP server offline forms (to --offline-forms-to) and transcripts are mailed through;\n"
      + "--whatsapp-graph-url: where WhatsApp replies and templates go instead of Meta's Graph API.";

  private static final Set<String> OPTIONS = Set.of("--port", "--bind", "--data-dir", "--admin-token",
      "--operator-password", "--whatsapp-app-secret", "--whatsapp-verify-token", "--whatsapp-access-token",
      "--whatsapp-phone-number-id", "--client-grace", "--operator-grace", "--smtp", "--offline-forms-to",
      "--whatsapp-graph-url");
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
        nonBlank(line, "--whatsapp-phone-number-id").orElse("demo"),
        grace(line, "--client-grace"),
        grace(line, "--operator-grace"),
        mail(line),
        nonBlank(line, "--whatsapp-graph-url"));
  }

  /** {@code --smtp host:port} with {@code --offline-forms-to}, both or neither. */
  private static Optional<Mail> mail(CommandLine line) {
    Optional<String> smtp = nonBlank(line, "--smtp");
    Optional<String> to = nonBlank(line, "--offline-forms-to");
    if (smtp.isEmpty() != to.isEmpty()) {
      throw new BadOptionException("--smtp and --offline-forms-to go together: give both or neither");
    }
    if (smtp.isEmpty()) {
      return Optional.empty();
    }
    int colon = smtp.get().lastIndexOf(':');
    int port;
    try {
      port = colon < 1 ? -1 : Integer.parseInt(smtp.get().substring(colon + 1));
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < 1 || port > 65_535) {
      throw new BadOptionException("--smtp must be HOST:PORT with a port of 1 to 65535, not " + smtp.get());
    }
    return Optional.of(new Mail(smtp.get().substring(0, colon), port, to.get()));
  }

  /** A grace of 0 to 1 day, when given. */
  private static Optional<Duration> grace(CommandLine line, String name) {
    Optional<Duration> grace = line.duration(name);
    if (grace.isPresent() && grace.get().compareTo(Duration.ofDays(1)) > 0) {
      throw new BadOptionException(name + " must be 0 to 1 day, not " + line.value(name).orElseThrow());
    }
    return grace;
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
