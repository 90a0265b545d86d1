package dev.parley.channels.telephony;

import dev.parley.channels.internal.Hmac;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import okhttp3.HttpUrl;

/**
 * Twilio's {@code X-Twilio-Signature}, checked as Twilio's own SDK validators check it: base64 of
 * HMAC-SHA1 under the auth token, over the full webhook URL followed by every POST parameter
 * sorted by name (then value), each name then value.
 *
 * <ul>
 *   <li>The URL is tried as given and with its port changed: Twilio signs some requests over
 *       {@code https://host/...} and some over {@code https://host:443/...}, so a URL without a
 *       port is also tried with the scheme's default (443, 80), and one with a port without it.
 *   <li>A repeated parameter: twilio-node signs each distinct value once (sorted), twilio-python
 *       every value; both forms are accepted.
 *   <li>A JSON body: Twilio adds {@code bodySHA256} (hex SHA-256 of the body) to the URL and signs
 *       the URL alone; the body must have that digest.
 * </ul>
 */
final class TwilioSignature {
  private TwilioSignature() {}

  /** Whether {@code given} signs {@code body} sent to {@code url} under {@code authToken}. */
  static boolean matches(String authToken, String url, byte[] body, byte[] given) {
    Optional<String> bodyHash = Optional.ofNullable(HttpUrl.parse(url)).map(u -> u.queryParameter("bodySHA256"));
    List<List<Map.Entry<String, String>>> forms = new ArrayList<>();
    if (bodyHash.isPresent()) {
      byte[] digest = Hmac.sha256Hex(body).getBytes(StandardCharsets.US_ASCII);
      if (!Hmac.same(digest, bodyHash.get().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
        return false;
      }
      forms.add(List.of());
    } else {
      List<Map.Entry<String, String>> all = FormFields.parse(body);
      List<Map.Entry<String, String>> distinct = List.copyOf(new LinkedHashSet<>(all));
      forms.add(distinct);
      if (distinct.size() != all.size()) {
        forms.add(all);
      }
    }
    boolean valid = false;
    for (String variant : withAndWithoutPort(url)) {
      for (List<Map.Entry<String, String>> params : forms) {
        valid |= Hmac.same(compute(authToken, variant, params), given); // no early exit: constant work
      }
    }
    return valid;
  }

  static byte[] compute(String authToken, String url, List<Map.Entry<String, String>> params) {
    List<Map.Entry<String, String>> sorted = new ArrayList<>(params);
    sorted.sort(Map.Entry.<String, String>comparingByKey().thenComparing(Map.Entry.comparingByValue(Comparator.naturalOrder())));
    StringBuilder data = new StringBuilder(url);
    sorted.forEach(p -> data.append(p.getKey()).append(p.getValue()));
    return Hmac.sha1(authToken.getBytes(StandardCharsets.UTF_8), data.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** {@code url}, and {@code url} with its port removed, or the scheme's default port added. */
  private static Set<String> withAndWithoutPort(String url) {
    Set<String> variants = new LinkedHashSet<>();
    variants.add(url);
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      return variants;
    }
    String authority = uri.getRawAuthority();
    if (authority == null || uri.getHost() == null) {
      return variants;
    }
    String hostPart = uri.getPort() < 0 ? authority : authority.substring(0, authority.lastIndexOf(':'));
    String changed = uri.getPort() >= 0 ? hostPart
        : hostPart + ("https".equalsIgnoreCase(uri.getScheme()) ? ":443" : ":80");
    int at = url.indexOf("//" + authority);
    if (at < 0) {
      return variants;
    }
    variants.add(url.substring(0, at + 2) + changed + url.substring(at + 2 + authority.length()));
    return variants;
  }

  static String base64(byte[] signature) {
    return Base64.getEncoder().encodeToString(signature);
  }
}
