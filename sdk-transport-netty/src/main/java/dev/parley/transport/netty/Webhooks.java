package dev.parley.transport.netty;

import dev.parley.channels.ChannelGateway;
import dev.parley.core.Channel;
import dev.parley.core.TenantId;
import dev.parley.core.channel.HttpReply;
import dev.parley.core.channel.InboundRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Map.Entry;
import java.util.concurrent.CompletionStage;

/**
 * {@code GET} and {@code POST /webhooks/{tenant}/{channel}} (and {@code /webhooks/{channel}} when
 * the server has one gateway): a vendor's request handed byte for byte to the tenant's {@link
 * ChannelGateway}, answered with whatever the adapter says the vendor expects (an empty {@code
 * 200}, VK's {@code ok}, the {@code hub.challenge} echo). A refused request (a forged signature,
 * a malformed body) gets the adapter's 4xx.
 *
 * <p>The URI the adapter sees is the server's {@linkplain ParleyServer.Builder#publicBaseUri
 * public base} plus the request target, as vendors that sign the URL (Twilio) computed it.
 */
final class Webhooks {
  /** Path names beside each channel's own ({@code whatsapp}, {@code web-chat}, …). */
  private static final Map<String, Channel> ALIASES = Map.of(
      "vk", Channel.VKONTAKTE,
      "apple", Channel.APPLE_MESSAGES,
      "twilio-voice", Channel.PHONE,
      "twilio", Channel.PHONE);

  private Webhooks() {}

  static void register(Router router) {
    router.add("GET", "/webhooks/{channel}", Webhooks::onlyTenant);
    router.add("POST", "/webhooks/{channel}", Webhooks::onlyTenant);
    router.add("GET", "/webhooks/{tenant}/{channel}", call -> receive(call, call.tenant()));
    router.add("POST", "/webhooks/{tenant}/{channel}", call -> receive(call, call.tenant()));
  }

  private static Response onlyTenant(Call call) throws Exception {
    Map<TenantId, ChannelGateway> gateways = call.server().gateways;
    if (gateways.size() != 1) {
      throw new WireException(404, "NotFound",
          "this server has " + gateways.size() + " tenants' gateways: use /webhooks/{tenant}/{channel}");
    }
    return receive(call, gateways.keySet().iterator().next());
  }

  private static Response receive(Call call, TenantId tenant) throws Exception {
    ChannelGateway gateway = call.server().gateways.get(tenant);
    if (gateway == null) {
      throw new WireException(404, "NotFound", "no webhooks for tenant " + tenant);
    }
    Channel channel = channel(call.param("channel"));
    InboundRequest.Builder request = InboundRequest.builder(call.method(), uri(call));
    for (Entry<String, String> header : call.headers()) {
      request.header(header.getKey(), header.getValue());
    }
    CompletionStage<HttpReply> stored;
    try {
      stored = gateway.receive(channel, request.body(call.body()).build());
    } catch (IllegalArgumentException e) {
      throw new WireException(404, "NotFound", "tenant " + tenant + " takes no webhooks of " + channel);
    }
    HttpReply reply = call.await(stored);
    return new Response.Text(reply.status(), reply.contentType(), reply.body());
  }

  /** {@code whatsapp}, {@code web-chat}, {@code vk}, … as a channel. */
  static Channel channel(String name) {
    Channel alias = ALIASES.get(name);
    if (alias != null) {
      return alias;
    }
    try {
      return Channel.valueOf(name.replace('-', '_').toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new WireException(404, "NotFound", "no channel is called " + name);
    }
  }

  private static URI uri(Call call) {
    String host = call.headers().get(HttpHeaderNames.HOST, "localhost");
    URI base = call.server().publicBase;
    String prefix = base != null ? base.toString().replaceAll("/+$", "") : call.server().scheme() + "://" + host;
    try {
      return URI.create(prefix + call.uri());
    } catch (IllegalArgumentException e) {
      throw new WireException("Malformed", "the request target is not a valid URI");
    }
  }
}
