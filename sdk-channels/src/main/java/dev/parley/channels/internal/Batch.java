package dev.parley.channels.internal;

import dev.parley.core.channel.InboundItem;
import dev.parley.core.channel.InboundResult.Skipped;
import dev.parley.core.channel.MalformedPayloadException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * What an adapter read of one request: the items, and the items it could not read. The envelope
 * (the body's syntax, its object type, the batch's arrays) is read strictly outside; each item
 * inside is read through {@link #read}, so that one unreadable item never takes the others with
 * it.
 *
 * <p>Thread safety: confined to the thread reading the request.
 */
public final class Batch {
  private final List<InboundItem> items = new ArrayList<>();
  private final List<Skipped> skipped = new ArrayList<>();

  /** A batch of {@code items} that were all read. */
  public static Batch of(List<? extends InboundItem> items) {
    Batch batch = new Batch();
    batch.items.addAll(items);
    return batch;
  }

  /**
   * Reads one item with {@code reader}; if it throws {@link MalformedPayloadException} (or a value
   * check's {@code IllegalArgumentException}), the item is skipped under {@code vendorId}.
   */
  public void read(String vendorId, Supplier<Optional<? extends InboundItem>> reader) {
    try {
      reader.get().ifPresent(items::add);
    } catch (MalformedPayloadException | IllegalArgumentException | IllegalStateException e) {
      skipped.add(new Skipped(vendorId, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
    }
  }

  /**
   * The vendor's id of an item: the string at {@code field} when there is one, else {@code
   * place} (its position in the batch, e.g. {@code entry[0].messaging[2]}).
   */
  public static String vendorId(JsonNode item, String field, String place) {
    JsonNode id = item.path(field);
    return (id.isString() || id.isNumber()) && !id.asString().isBlank() ? Json.shorten(id.asString()) : place;
  }

  /** The items read, in order. */
  public List<InboundItem> items() {
    return items;
  }

  /** The items that could not be read. */
  public List<Skipped> skipped() {
    return skipped;
  }
}
