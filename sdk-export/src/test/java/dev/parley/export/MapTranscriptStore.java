package dev.parley.export;

import dev.parley.storage.MessageRecord;
import dev.parley.storage.TranscriptStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A test {@link TranscriptStore}: messages by session, in the order appended. */
class MapTranscriptStore implements TranscriptStore {
  private final Map<String, List<MessageRecord>> bySession = new LinkedHashMap<>();

  @Override
  public boolean append(MessageRecord message) {
    return bySession.computeIfAbsent(message.session(), s -> new ArrayList<>()).add(message);
  }

  @Override
  public List<MessageRecord> transcript(String tenant, String session) {
    return List.copyOf(bySession.getOrDefault(session, List.of()));
  }

  @Override
  public Optional<MessageRecord> markDelivery(String tenant, String messageId, MessageRecord.Delivery delivery) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Optional<MessageRecord> find(String tenant, String messageId) {
    throw new UnsupportedOperationException();
  }
}
