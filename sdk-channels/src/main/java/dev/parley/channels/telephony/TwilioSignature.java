package dev.parley.channels.telephony;

import dev.parley.channels.internal.Hmac;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Twilio's {@code X-Twilio-Signature}: base64 of HMAC-SHA1 under the auth token, over the full
 * webhook URL followed by every POST parameter sorted by name, each name then value.
 */
final class TwilioSignature {
  private TwilioSignature() {}

  static byte[] compute(String authToken, String url, List<Map.Entry<String, String>> params) {
    List<Map.Entry<String, String>> sorted = new ArrayList<>(params);
    sorted.sort(Map.Entry.<String, String>comparingByKey().thenComparing(Map.Entry.comparingByValue(Comparator.naturalOrder())));
    StringBuilder data = new StringBuilder(url);
    sorted.forEach(p -> data.append(p.getKey()).append(p.getValue()));
    return Hmac.sha1(authToken.getBytes(StandardCharsets.UTF_8), data.toString().getBytes(StandardCharsets.UTF_8));
  }

  static String base64(byte[] signature) {
    return Base64.getEncoder().encodeToString(signature);
  }
}
