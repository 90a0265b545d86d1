package dev.parley.export;

import static dev.parley.export.TestSessions.message;

import dev.parley.storage.MessageRecord;
import dev.parley.storage.MessageRecord.Sender;
import dev.parley.storage.TranscriptStore;
import java.util.List;
import java.util.Optional;

/** A test {@link TranscriptStore} that makes each session's two messages when asked, keeping none. */
final class GeneratedTranscriptStore implements TranscriptStore {
  @Override
  public List<MessageRecord> transcript(String tenant, String session) {
    return List.of(message(session, 1, Sender.CLIENT, null, "hello"),
        message(session, 2, Sender.OPERATOR, "alice", "hi"));
  }

  @Override
  public boolean append(MessageRecord message) {
    throw new UnsupportedOperationException();
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
