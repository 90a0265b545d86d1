package dev.parley.core.channel;

import static java.util.Objects.requireNonNull;

import dev.parley.core.TenantId;
import dev.parley.storage.ConfigRecord;
import dev.parley.storage.ConfigStore;
import dev.parley.storage.Storage;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A tenant's hero cards: the {@linkplain OutboundMessage.Card cards} its operators and bots send
 * by name, kept in the storage's {@link ConfigStore} (kind {@value #KIND}, keyed by the card's
 * id), so that an administrator sets them once and every channel that shows cards can send them.
 *
 * <pre>{@code
 * HeroCards cards = new HeroCards(storage);
 * cards.put(acme, "returns", new OutboundMessage.Card("Returns", "30 days, free",
 *     URI.create("https://shop.example/returns.png"),
 *     List.of(new OutboundMessage.Button("Start a return", "", URI.create("https://shop.example/return")))));
 * cards.find(acme, "returns").ifPresent(card -> ...);   // send it through the session's channel
 * }</pre>
 *
 * <p>Thread safety: as safe as the storage, which is thread-safe; reads and writes go straight to it.
 */
public final class HeroCards {
  /** The kind of the configuration records the cards are kept as. */
  public static final String KIND = "cards.hero";
  /** The most buttons a card may have: WhatsApp's limit, the smallest of the channels'. */
  public static final int MAX_BUTTONS = 3;
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private final ConfigStore store;

  /** The cards kept in {@code storage}. */
  public HeroCards(Storage storage) {
    this.store = requireNonNull(storage, "storage").config();
  }

  /**
   * Keeps a card under {@code id}, replacing the one there was.
   *
   * @throws IllegalArgumentException if the id is not 1 to 64 letters, digits, dots, dashes or
   *     underscores, or the card has more than {@value #MAX_BUTTONS} buttons
   */
  public void put(TenantId tenant, String id, OutboundMessage.Card card) {
    requireNonNull(tenant, "tenant");
    requireNonNull(card, "card");
    if (card.buttons().size() > MAX_BUTTONS) {
      throw new IllegalArgumentException("a card has at most " + MAX_BUTTONS + " buttons (WhatsApp's limit), not "
          + card.buttons().size());
    }
    Map<String, String> p = new HashMap<>();
    p.put("title", card.title());
    p.put("subtitle", card.subtitle());
    Optional.ofNullable(card.imageUrl()).ifPresent(u -> p.put("imageUrl", u.toString()));
    for (int i = 0; i < card.buttons().size(); i++) {
      OutboundMessage.Button b = card.buttons().get(i);
      String prefix = "button." + i + ".";
      p.put(prefix + "title", b.title());
      p.put(prefix + "payload", b.payload());
      Optional.ofNullable(b.url()).ifPresent(u -> p.put(prefix + "url", u.toString()));
    }
    store.put(new ConfigRecord(tenant.value(), KIND, checkId(id), p));
  }

  /** Removes a card; returns whether there was one. */
  public boolean remove(TenantId tenant, String id) {
    return store.remove(requireNonNull(tenant, "tenant").value(), KIND, requireNonNull(id, "id"));
  }

  /** The card kept under {@code id}, or empty. */
  public Optional<OutboundMessage.Card> find(TenantId tenant, String id) {
    requireNonNull(id, "id");
    return Optional.ofNullable(list(tenant).get(id));
  }

  /** Every card of the tenant, by id. */
  public SortedMap<String, OutboundMessage.Card> list(TenantId tenant) {
    requireNonNull(tenant, "tenant");
    SortedMap<String, OutboundMessage.Card> cards = new TreeMap<>();
    for (ConfigRecord r : store.list(tenant.value())) {
      if (r.kind().equals(KIND)) {
        cards.put(r.key(), decode(r.properties()));
      }
    }
    return Collections.unmodifiableSortedMap(cards);
  }

  private static OutboundMessage.Card decode(Map<String, String> p) {
    List<OutboundMessage.Button> buttons = new ArrayList<>();
    for (int i = 0; p.containsKey("button." + i + ".title"); i++) {
      String url = p.get("button." + i + ".url");
      buttons.add(new OutboundMessage.Button(p.get("button." + i + ".title"), p.getOrDefault("button." + i + ".payload", ""),
          url == null ? null : URI.create(url)));
    }
    String image = p.get("imageUrl");
    return new OutboundMessage.Card(p.get("title"), p.getOrDefault("subtitle", ""), image == null ? null : URI.create(image),
        buttons);
  }

  private static String checkId(String id) {
    requireNonNull(id, "id");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("a card's id is 1 to 64 letters, digits, '.', '-' or '_', not '" + id + "'");
    }
    return id;
  }

  @Override
  public String toString() {
    return "HeroCards[" + store + "]";
  }
}
