package dev.parley.channels.internal;

import dev.parley.core.channel.ChannelCapabilities;
import dev.parley.core.channel.Outgoing;
import dev.parley.core.channel.SendOutcome;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import tools.jackson.databind.JsonNode;

/**
 * An adapter's outbound settings, as its builder left them, and the common way of sending a JSON
 * body: check the kind and length, build the body, post it with retries.
 *
 * @param sender sends with retries and the account's rate limit
 * @param baseUrl the vendor API's base URL
 */
public record Outbound(HttpSender sender, HttpUrl baseUrl) {
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  /**
   * Sends {@code outgoing} as the JSON {@code body} makes of it, to the URL and with the headers
   * {@code request} sets; unsupported when the capabilities or {@code body} say so.
   */
  public CompletionStage<SendOutcome> postJson(Outgoing outgoing, ChannelCapabilities capabilities,
      Function<Outgoing, Optional<? extends JsonNode>> body, UnaryOperator<Request.Builder> request) {
    Objects.requireNonNull(outgoing, "outgoing");
    Optional<SendOutcome> early = OutboundPrecheck.of(outgoing, capabilities);
    if (early.isPresent()) {
      return CompletableFuture.completedFuture(early.get());
    }
    Optional<? extends JsonNode> json = body.apply(outgoing);
    if (json.isEmpty()) {
      return CompletableFuture.completedFuture(new SendOutcome.Unsupported(outgoing.message().kind()));
    }
    Request.Builder builder = new Request.Builder().url(baseUrl).post(RequestBody.create(Json.bytes(json.get()), JSON));
    return sender.send(request.apply(builder).build());
  }
}
