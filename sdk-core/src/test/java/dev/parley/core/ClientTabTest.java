package dev.parley.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.event.Event;
import dev.parley.storage.ContactRecord;
import dev.parley.storage.ContactRecord.Identity;
import dev.parley.storage.InMemoryStorage;
import dev.parley.storage.SessionRecord;
import dev.parley.storage.SessionTransition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The client tab's edits")
class ClientTabTest {
  private static final TenantId ACME = TenantId.of("acme");
  private static final GroupId SALES = GroupId.of("sales");
  private static final OperatorId ALICE = OperatorId.of("alice");
  private static final SessionId S1 = SessionId.of("s1");

  private final ManualClock clock = new ManualClock(Instant.parse("2026-03-02T09:00:00Z"));
  private final InMemoryStorage storage = new InMemoryStorage();
  private Parley parley;
  private Tenant acme;

  @BeforeEach
  void start() {
    parley = Parley.builder().sameThread().clock(clock).storage(storage).build();
    acme = parley.tenant(ACME);
    acme.defineGroup(GroupSpec.builder(SALES).wrapUpLimit(Duration.ZERO).build()).join();
    acme.defineOperator(OperatorSpec.builder(ALICE).group(SALES).channel(Channel.WEB_CHAT, 3).build()).join();
    acme.setStatus(ALICE, OperatorStatus.ONLINE).join();
    acme.arrive(S1, Entry.builder(Channel.WEB_CHAT).client("visitor-1").name("Jan").group(SALES).build()).join();
    acme.accept(S1, ALICE).join();
  }

  @AfterEach
  void close() {
    parley.close();
  }

  private List<Event> edit(String field, String value) {
    return acme.submit(new Command.EditClient(S1, Actor.operator(ALICE), field, value)).join();
  }

  private SessionRecord record() {
    return storage.sessions().find("acme", "s1").orElseThrow();
  }

  @Test
  @DisplayName("land in the session record's own fields, the live session and the history, and are told to its operators")
  void keptInTheRecord() {
    clock.advance(Duration.ofSeconds(5));
    List<Event> events = edit("email", "jan@example.cz");
    edit("name", "Jan Novák");
    edit("crmId", "C-42");

    assertThat(events).singleElement().isInstanceOfSatisfying(Event.ClientEdited.class, e -> {
      assertThat(e.field()).isEqualTo("email");
      assertThat(e.value()).isEqualTo("jan@example.cz");
      assertThat(e.audience()).containsExactly(ALICE);
    });
    SessionRecord r = record();
    assertThat(r.email()).contains("jan@example.cz");
    assertThat(r.clientName()).contains("Jan Novák");
    assertThat(r.parameters()).containsEntry("crmId", "C-42").doesNotContainKeys("client.email", "client.name");
    assertThat(r.transitions()).filteredOn(t -> t.reason() != null && t.reason().startsWith("CLIENT_EDITED"))
        .extracting(SessionTransition::reason, SessionTransition::actor, SessionTransition::at)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("CLIENT_EDITED:email", "operator:alice", clock.instant()),
            org.assertj.core.groups.Tuple.tuple("CLIENT_EDITED:name", "operator:alice", clock.instant()),
            org.assertj.core.groups.Tuple.tuple("CLIENT_EDITED:crmId", "operator:alice", clock.instant()));
    Entry entry = acme.snapshot().session(S1).orElseThrow().entry();
    assertThat(entry.name()).contains("Jan Novák");
    assertThat(entry.email()).contains("jan@example.cz");

    acme.submit(new Command.EditClient(S1, Actor.operator(ALICE), "email", "")).join();
    assertThat(record().email()).isEmpty();
    assertThat(acme.snapshot().session(S1).orElseThrow().entry().email()).isEmpty();
  }

  @Test
  @DisplayName("reach the contact the session is linked to: his name, one more phone or e-mail, the host's identifiers")
  void keptInTheContact() {
    storage.contactFromSession("acme", "s1", "c1", null, clock.instant());

    edit("email", "jan@example.cz");
    edit("name", "Jan Novák");
    edit("crmId", "C-42");

    ContactRecord contact = storage.contacts().find("acme", "c1").orElseThrow();
    assertThat(contact.name()).isEqualTo("Jan Novák");
    assertThat(contact.identities()).containsExactly(new Identity(Identity.Kind.NETWORK, "WEB_CHAT:visitor-1"),
        new Identity(Identity.Kind.EMAIL, "jan@example.cz"), new Identity(Identity.Kind.CUSTOM, "crmId:C-42"));
    assertThat(record().contact()).contains("c1");
  }

  @Test
  @DisplayName("leave another contact's identity to him, and change no contact when the session has none")
  void otherContactsStay() {
    edit("phone", "+420601123456");
    assertThat(storage.contacts().list("acme", null, 10).items()).isEmpty();

    ContactRecord jana = storage.contacts().save(new ContactRecord("acme", "c2", "Jana",
        List.of(new Identity(Identity.Kind.EMAIL, "jana@example.cz")), Map.of(), clock.instant(), 0));
    storage.contactFromSession("acme", "s1", "c1", null, clock.instant());
    ContactRecord before = storage.contacts().find("acme", "c1").orElseThrow();
    edit("email", "jana@example.cz");

    assertThat(storage.contacts().find("acme", "c1")).contains(before);
    assertThat(storage.contacts().find("acme", "c2")).contains(jana);
    assertThat(record().email()).contains("jana@example.cz");
  }
}
