package dev.parley.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.event.Event;
import dev.parley.storage.InMemoryStorage;
import dev.parley.storage.MessageRecord;
import dev.parley.storage.SessionRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A message from a client known by his identity")
class ClientMessageTest {
  private static final TenantId ACME = TenantId.of("acme");
  private static final GroupId SALES = GroupId.of("sales");
  private static final OperatorId ALICE = OperatorId.of("alice");
  private static final String PHONE = "420601234567";

  private final ManualClock clock = new ManualClock(Instant.parse("2026-03-02T09:00:00Z"));
  private final InMemoryStorage storage = new InMemoryStorage();
  private Parley parley;
  private Tenant acme;

  @BeforeEach
  void start() {
    parley = Parley.builder().sameThread().clock(clock).storage(storage).build();
    acme = parley.tenant(ACME);
    acme.defineGroup(GroupSpec.builder(SALES).wrapUpLimit(Duration.ZERO).build()).join();
    acme.configure(TenantSettings.builder().defaultGroup(SALES).endedRetention(Duration.ofDays(1)).build()).join();
    acme.defineOperator(OperatorSpec.builder(ALICE).group(SALES).channel(Channel.WHATSAPP, 3).build()).join();
    acme.setStatus(ALICE, OperatorStatus.ONLINE).join();
  }

  @AfterEach
  void close() {
    parley.close();
  }

  private List<Event> write(String session, String messageId, String text) {
    Entry entry = Entry.builder(Channel.WHATSAPP).client(PHONE).name("Zoë").build();
    return acme.submit(new Command.ClientMessage(SessionId.of(session), entry, messageId, text, List.of())).join();
  }

  @Test
  @DisplayName("opens a session for him, and his next message goes into the same one")
  void opensOnce() {
    List<Event> first = write("s-1", "wamid.1", "Hello");
    List<Event> second = write("s-2", "wamid.2", "Are you there?");

    assertThat(first).hasAtLeastOneElementOfType(Event.SessionQueued.class);
    assertThat(second).singleElement().isInstanceOfSatisfying(Event.MessagePosted.class,
        m -> assertThat(m.session()).isEqualTo(SessionId.of("s-1")));
    assertThat(storage.transcripts().transcript("acme", "s-1")).extracting(MessageRecord::text)
        .containsExactly("Hello", "Are you there?");
    assertThat(storage.sessions().find("acme", "s-2")).isEmpty();
  }

  @Test
  @DisplayName("after his session ended, opens a new one linked to it")
  void reopensAfterTheEnd() {
    write("s-1", "wamid.1", "Hello");
    acme.accept(SessionId.of("s-1"), ALICE).join();
    acme.end(SessionId.of("s-1"), Actor.operator(ALICE)).join();
    clock.advance(Duration.ofHours(2));

    write("s-2", "wamid.2", "One more question");

    SessionRecord reopened = storage.sessions().find("acme", "s-2").orElseThrow();
    assertThat(reopened.reopens()).contains("s-1");
    assertThat(reopened.group()).contains("sales");
    assertThat(storage.transcripts().transcript("acme", "s-2")).extracting(MessageRecord::text)
        .containsExactly("One more question");
  }

  @Test
  @DisplayName("from a blocked client is refused, and nothing of it is kept")
  void blocked() {
    acme.submit(new Command.Block(new ClientRef(Channel.WHATSAPP, PHONE), Actor.admin("root"), "spam")).join();

    List<Event> events = write("s-1", "wamid.1", "Hello");

    assertThat(events).singleElement().isInstanceOf(Event.SessionRefused.class);
    assertThat(storage.sessions().find("acme", "s-1")).isEmpty();
    assertThat(storage.transcripts().find("acme", "wamid.1")).isEmpty();
  }

  @Test
  @DisplayName("gets its receipts: a delivery report moves the stored message forward")
  void receipts() {
    write("s-1", "wamid.1", "Hello");

    acme.submit(new Command.Receipt(SessionId.of("s-1"), "wamid.1", Event.Delivery.READ)).join();

    assertThat(storage.transcripts().find("acme", "wamid.1").orElseThrow().delivery()).isEqualTo(MessageRecord.Delivery.READ);
  }
}
