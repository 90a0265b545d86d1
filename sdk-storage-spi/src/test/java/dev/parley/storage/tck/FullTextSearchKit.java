package dev.parley.storage.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.parley.storage.MessageRecord;
import dev.parley.storage.SessionQuery;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The full-text search ({@link SessionQuery#words()}) part of the {@link StorageTck}: each query
 * word must begin a word of one of the session's messages, whoever sent it.
 */
abstract class FullTextSearchKit extends StorageKit {
  FullTextSearchKit(StorageTck tck) {
    super(tck);
  }

  private int messages;

  /** Stores a session whose messages say {@code texts}, in turn from the client and from alice. */
  private void conversation(String tenant, String id, int minute, String... texts) {
    save(served(tenant, id, T0.plusSeconds(60L * minute)));
    List<MessageRecord> said = new ArrayList<>();
    for (int i = 0; i < texts.length; i++) {
      String messageId = "m-" + messages++;
      said.add(i % 2 == 0
          ? fromClient(tenant, id, messageId, T0.plusSeconds(60L * minute + i), texts[i])
          : fromOperator(tenant, id, messageId, T0.plusSeconds(60L * minute + i), "alice", texts[i]));
    }
    // Half the conversations appended at once, so that the index takes both ways in.
    if (minute % 2 == 0) {
      transcripts().appendAll(said);
    } else {
      said.forEach(transcripts()::append);
    }
  }

  private List<String> search(String text) {
    return ids(sessions().query(SessionQuery.builder("acme").text(text).build()).items());
  }

  @BeforeEach
  void storeConversations() {
    assumeTrue(tck().supportsFullTextSearch(), "the storage does not search transcripts");
    conversation("acme", "s-refund", 1, "Hello, I want a REFUND for order 1234.", "Sure, refunds take 3 days.");
    conversation("acme", "s-refunded", 2, "Was my order refunded?", "Yes: the invoice is corrected.");
    conversation("acme", "s-czech", 3, "Žluťoučký kůň úpěl ďábelské ódy", "Dobrý den");
    conversation("acme", "s-invoice", 4, "Where is my invoice?", "In your account, under Billing.");
    conversation("acme", "s-silent", 5);
    conversation("globex", "s-other", 1, "refund invoice zlutoucky");
    conversation("acme", "s-split", 6, "I need the invoice", "ok", "and then a refund, please");
  }

  @Test
  @DisplayName("a word finds the sessions whose messages hold it, whoever wrote the message")
  void word() {
    assertThat(search("invoice")).containsExactly("s-split", "s-invoice", "s-refunded");
    assertThat(search("corrected")).containsExactly("s-refunded");
    assertThat(search("1234")).containsExactly("s-refund");
  }

  @Test
  @DisplayName("a word finds the words it begins, so a stem finds every form, but never a word's middle")
  void prefix() {
    assertThat(search("refund")).containsExactly("s-split", "s-refunded", "s-refund");
    assertThat(search("refunde")).containsExactly("s-refunded");
    assertThat(search("ref")).containsExactly("s-split", "s-refunded", "s-refund");
    assertThat(search("fund")).isEmpty();
    assertThat(search("voice")).isEmpty();
  }

  @Test
  @DisplayName("case and accents do not matter, either in the query or in the messages")
  void caseAndAccents() {
    assertThat(search("ZLUTOUCKY kun")).containsExactly("s-czech");
    assertThat(search("žluťoučký KŮŇ")).containsExactly("s-czech");
    assertThat(search("Ďábel")).containsExactly("s-czech");
    assertThat(search("Refund")).containsExactly("s-split", "s-refunded", "s-refund");
  }

  @Test
  @DisplayName("several words must all be found, in the same message or in different ones")
  void allWords() {
    assertThat(search("refund invoice")).containsExactly("s-split", "s-refunded");
    assertThat(search("order refunded")).containsExactly("s-refunded");
    assertThat(search("invoice billing")).containsExactly("s-invoice");
    assertThat(search("refund billing")).isEmpty();
  }

  @Test
  @DisplayName("punctuation in the query only separates words")
  void punctuation() {
    assertThat(search("\"refund\", invoice!")).containsExactly("s-split", "s-refunded");
  }

  @Test
  @DisplayName("a word no message holds finds nothing")
  void noMatch() {
    assertThat(search("chargeback")).isEmpty();
    assertThat(search("refundable")).isEmpty();
  }

  @Test
  @DisplayName("search combines with the other filters and pages like any query")
  void withFiltersAndPaging() {
    SessionQuery query = SessionQuery.builder("acme").text("refund").order(SessionQuery.Order.OLDEST_FIRST)
        .limit(1).build();
    List<String> all = new ArrayList<>();
    for (SessionQuery q = query; q != null; ) {
      var page = sessions().query(q);
      all.addAll(ids(page.items()));
      q = page.nextCursor().map(c -> query.toBuilder().cursor(c).build()).orElse(null);
    }

    assertThat(all).containsExactly("s-refund", "s-refunded", "s-split");
    assertThat(ids(sessions().query(SessionQuery.builder("acme").text("refund")
        .arrivedBefore(T0.plusSeconds(120)).build()).items())).containsExactly("s-refund");
  }

  @Test
  @DisplayName("an erased session is no longer found by what was said in it")
  void erased() {
    sessions().erase("acme", "s-refunded", T0.plusSeconds(3600));

    assertThat(search("refunded")).isEmpty();
    assertThat(search("invoice")).containsExactly("s-split", "s-invoice");
  }

  @Test
  @DisplayName("a message added later is found at once")
  void laterMessage() {
    transcripts().append(fromClient("acme", "s-silent", "m-late", T0.plusSeconds(400), "chargeback now"));

    assertThat(search("chargeback")).containsExactly("s-silent");
  }
}
