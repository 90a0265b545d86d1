package dev.parley.storage.tck;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.storage.MessageRecord;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The argument checks part of the {@link StorageTck}: a missing argument is a caller's mistake,
 * reported as a {@link NullPointerException} that names it, never a storage failure.
 */
abstract class ArgumentChecksKit extends StorageKit {
  ArgumentChecksKit(StorageTck tck) {
    super(tck);
  }

  private static void rejectsNull(String name, Executable call) {
    assertThatThrownBy(call::execute).as(name).isInstanceOf(NullPointerException.class).hasMessageContaining(name);
  }

  @Test
  @DisplayName("null arguments are rejected with their names")
  @SuppressWarnings("DataFlowIssue")
  void rejectsNulls() {
    rejectsNull("session", () -> sessions().save(null));
    rejectsNull("tenant", () -> sessions().find(null, "s-1"));
    rejectsNull("tenant", () -> sessions().existing(null, List.of("s-1")));
    rejectsNull("ids", () -> sessions().existing("acme", null));
    rejectsNull("query", () -> sessions().query(null));
    rejectsNull("at", () -> sessions().erase("acme", "s-1", null));
    rejectsNull("cutoff", () -> sessions().purgeClosedBefore("acme", null));
    rejectsNull("message", () -> transcripts().append(null));
    rejectsNull("messages", () -> transcripts().appendAll(null));
    rejectsNull("delivery", () -> transcripts().markDelivery("acme", "m-1", (MessageRecord.Delivery) null));
    rejectsNull("contact", () -> contacts().save(null));
    rejectsNull("identity", () -> contacts().findByIdentity("acme", null));
    rejectsNull("identifier", () -> contacts().findByIdentifier("acme", null));
    rejectsNull("template", () -> storage().templates().put(null));
    rejectsNull("record", () -> storage().config().put(null));
    rejectsNull("at", () -> outbox().firstAtOrAfter("acme", null));
  }
}
