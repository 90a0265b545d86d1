package dev.parley.webhooks;

import dev.parley.core.TenantId;
import dev.parley.core.event.EventType;
import dev.parley.storage.ConfigRecord;
import dev.parley.storage.OutboxRecord;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the webhooks keep in the storage's {@link dev.parley.storage.ConfigStore}, beside the
 * engine's configuration (the dot in each kind tells the engine to leave them alone):
 *
 * <pre>
 * webhooks.subscription/ID           url=https://… events=session.queued,session.ended secret=…
 * webhooks.failing/ID                seq=42 since=2030-01-01T09:00:00Z attempts=7 error=HTTP 503
 * webhooks.dead_letter/ID:SEQ        seq type session at since deadAt attempts error
 * </pre>
 *
 * <p>{@code SEQ} is zero-padded to 19 digits, so a subscription's dead letters list in outbox
 * order. The secret is kept as it is: protect the storage as you protect the secrets.
 *
 * <p>Thread safety: stateless.
 */
final class WebhookCodec {
  static final String SUBSCRIPTION = "webhooks.subscription";
  static final String FAILING = "webhooks.failing";
  static final String DEAD_LETTER = "webhooks.dead_letter";

  private WebhookCodec() {}

  static ConfigRecord encode(TenantId tenant, Subscription s) {
    List<String> events = new ArrayList<>();
    s.events().forEach(t -> events.add(t.wireName()));
    return new ConfigRecord(tenant.value(), SUBSCRIPTION, s.id(),
        Map.of("url", s.url().toString(), "events", String.join(",", events), "secret", s.secret()));
  }

  static Subscription subscription(ConfigRecord r) {
    Subscription.Builder b = Subscription.builder(r.key(), URI.create(get(r, "url"))).secret(get(r, "secret"));
    for (String type : get(r, "events").split(",")) {
      b.events(EventType.ofWireName(type));
    }
    return b.build();
  }

  static ConfigRecord encode(TenantId tenant, String subscription, Failing f) {
    return new ConfigRecord(tenant.value(), FAILING, subscription, Map.of("seq", Long.toString(f.seq()),
        "since", f.since().toString(), "attempts", Integer.toString(f.attempts()), "error", f.lastError()));
  }

  static Failing failing(ConfigRecord r) {
    return new Failing(Long.parseLong(get(r, "seq")), Instant.parse(get(r, "since")),
        Integer.parseInt(get(r, "attempts")), get(r, "error"));
  }

  static ConfigRecord encode(DeadLetter d) {
    Map<String, String> p = new HashMap<>();
    p.put("seq", Long.toString(d.seq()));
    p.put("type", d.type());
    if (d.session() != null) {
      p.put(ConfigRecord.SESSION, d.session());
    }
    p.put("at", d.at().toString());
    p.put("since", d.failingSince().toString());
    p.put("deadAt", d.deadAt().toString());
    p.put("attempts", Integer.toString(d.attempts()));
    p.put("error", d.lastError());
    return new ConfigRecord(d.tenant(), DEAD_LETTER, deadLetterKey(d.subscription(), d.seq()), p);
  }

  static DeadLetter deadLetter(ConfigRecord r) {
    String subscription = r.key().substring(0, r.key().lastIndexOf(':'));
    long seq = Long.parseLong(get(r, "seq"));
    OutboxRecord event = new OutboxRecord(r.tenant(), seq, get(r, "type"), r.properties().get(ConfigRecord.SESSION),
        Instant.parse(get(r, "at")), "");
    return new DeadLetter(r.tenant(), subscription, seq, event.idempotencyKey(), event.type(), event.session(),
        event.at(), Instant.parse(get(r, "since")), Instant.parse(get(r, "deadAt")),
        Integer.parseInt(get(r, "attempts")), get(r, "error"));
  }

  static String deadLetterKey(String subscription, long seq) {
    return subscription + ":" + String.format("%019d", seq);
  }

  private static String get(ConfigRecord r, String name) {
    @Nullable String value = r.properties().get(name);
    if (value == null) {
      throw new IllegalStateException(r.kind() + " record " + r.key() + " of tenant " + r.tenant() + " has no "
          + name + ": it was not written by this version of Parley's webhooks");
    }
    return value;
  }
}
