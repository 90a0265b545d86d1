package dev.parley.channels.vk;

import dev.parley.channels.internal.Json;
import dev.parley.core.channel.OutboundMessage;
import dev.parley.core.channel.Outgoing;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import okhttp3.FormBody;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds {@code messages.send} and {@code messages.setActivity} forms. Files go as links in the
 * text (VK sends only files uploaded to it first); cards as text with an inline keyboard.
 */
final class VkRequests {
  private VkRequests() {}

  /** The method to call and its form; empty when the message cannot be expressed. */
  static Optional<Call> call(Outgoing out, String accessToken, String apiVersion) {
    FormBody.Builder form = new FormBody.Builder()
        .add("access_token", accessToken).add("v", apiVersion).add("peer_id", out.to().identifier());
    OutboundMessage message = out.message();
    if (message instanceof OutboundMessage.Typing t) {
      return t.on() ? Optional.of(new Call("messages.setActivity", form.add("type", "typing").build())) : Optional.empty();
    }
    // One random_id per message, kept across retries: VK drops a repeated one.
    form.add("random_id", Integer.toString(ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE)));
    out.replyTo().ifPresent(id -> form.add("reply_to", id));
    if (message instanceof OutboundMessage.Text t) {
      form.add("message", t.text());
    } else if (message instanceof OutboundMessage.File f) {
      form.add("message", f.caption().isEmpty() ? f.url().toString() : f.caption() + "\n" + f.url());
    } else if (message instanceof OutboundMessage.Card c) {
      form.add("message", c.subtitle().isEmpty() ? c.title() : c.title() + "\n" + c.subtitle());
      if (!c.buttons().isEmpty()) {
        form.add("keyboard", keyboard(c));
      }
    } else {
      return Optional.empty();
    }
    return Optional.of(new Call("messages.send", form.build()));
  }

  private static String keyboard(OutboundMessage.Card c) {
    ObjectNode keyboard = Json.object().put("inline", true);
    ArrayNode rows = keyboard.putArray("buttons");
    for (OutboundMessage.Button b : c.buttons()) {
      ObjectNode action = rows.addArray().addObject().putObject("action").put("label", b.title());
      if (b.url() != null) {
        action.put("type", "open_link").put("link", b.url().toString());
      } else {
        action.put("type", "text").put("payload", Json.text(Json.object().put("button", b.payload())));
      }
    }
    return Json.text(keyboard);
  }

  /**
   * One API call.
   *
   * @param method the method's name
   * @param form its parameters
   */
  record Call(String method, FormBody form) {}
}
