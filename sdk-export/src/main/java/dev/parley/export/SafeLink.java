package dev.parley.export;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides whether a URL from stored data may become an {@code href}: only an absolute {@code
 * http} or {@code https} URL with a host does, so {@code javascript:}, {@code data:} and other
 * schemes that run code or spoof content stay plain text.
 */
final class SafeLink {
  private SafeLink() {}

  /** {@code url} if it is safe to link to, else empty. It still needs escaping in the attribute. */
  static Optional<String> href(String url) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      boolean web = scheme.equals("http") || scheme.equals("https");
      return web && uri.getHost() != null ? Optional.of(url) : Optional.empty();
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }
}
