package dev.parley.transport.netty;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The browser and operating system a web-chat client's {@code User-Agent} names, coarsely
 * ({@code Chrome}, {@code Windows}), for the waiting list's preview; and his first {@code
 * Accept-Language}. Unknown agents give nothing rather than a guess.
 */
final class UserAgent {
  /** Tokens to look for, in order: Edge and Opera claim to be Chrome, Chrome claims to be Safari. */
  private static final List<String[]> BROWSERS = List.of(
      new String[] {"Edg/", "Edge"}, new String[] {"OPR/", "Opera"}, new String[] {"Firefox/", "Firefox"},
      new String[] {"Chrome/", "Chrome"}, new String[] {"Safari/", "Safari"});
  private static final List<String[]> SYSTEMS = List.of(
      new String[] {"Android", "Android"}, new String[] {"iPhone", "iOS"}, new String[] {"iPad", "iOS"},
      new String[] {"Windows", "Windows"}, new String[] {"Mac OS X", "macOS"}, new String[] {"CrOS", "ChromeOS"},
      new String[] {"Linux", "Linux"});

  private UserAgent() {}

  static Optional<String> browser(String agent) {
    return find(BROWSERS, agent);
  }

  static Optional<String> os(String agent) {
    return find(SYSTEMS, agent);
  }

  /** {@code cs} from {@code cs-CZ,cs;q=0.9,en;q=0.8}. */
  static Optional<String> language(String acceptLanguage) {
    String first = acceptLanguage.split(",", 2)[0].split(";", 2)[0].strip();
    String primary = first.split("-", 2)[0].toLowerCase(Locale.ROOT);
    return primary.matches("[a-z]{2,3}") ? Optional.of(primary) : Optional.empty();
  }

  private static Optional<String> find(List<String[]> table, String agent) {
    for (String[] row : table) {
      if (agent.contains(row[0])) {
        return Optional.of(row[1]);
      }
    }
    return Optional.empty();
  }
}
