package dev.parley.storage.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.storage.BlacklistEntry;
import dev.parley.storage.ConfigRecord;
import dev.parley.storage.ContactRecord;
import dev.parley.storage.InvitationRecord;
import dev.parley.storage.MessageRecord;
import dev.parley.storage.SessionQuery;
import dev.parley.storage.TemplateRecord;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The tenant isolation part of the {@link StorageTck}: for each store, two tenants with the same
 * keys never see, change or remove each other's data.
 */
abstract class TenantIsolationKit extends StorageKit {
  TenantIsolationKit(StorageTck tck) {
    super(tck);
  }

  @Test
  @DisplayName("sessions: the same id in two tenants is two sessions, each saved, listed, erased and purged alone")
  void sessionsIsolated() {
    save(served("acme", "s-1", T0).client("visitor-1"));
    save(served("globex", "s-1", T0).client("visitor-1"));
    save(queued("globex", "s-2", T0));

    sessions().erase("globex", "s-1", T0.plus(TALK));
    sessions().purgeClosedBefore("globex", T0.plus(Duration.ofDays(1)));

    assertThat(sessions().find("acme", "s-1").orElseThrow().client()).contains("visitor-1");
    assertThat(sessions().find("globex", "s-1")).isEmpty();
    assertThat(sessions().live("acme")).isEmpty();
    assertThat(ids(sessions().query(SessionQuery.builder("acme").build()).items())).containsExactly("s-1");
  }

  @Test
  @DisplayName("transcripts: the same message id in two tenants is two messages")
  void transcriptsIsolated() {
    MessageRecord acme = fromClient("acme", "s-1", "m-1", T0, "acme");
    MessageRecord globex = fromClient("globex", "s-1", "m-1", T0, "globex");

    assertThat(transcripts().append(acme)).isTrue();
    assertThat(transcripts().append(globex)).isTrue();
    transcripts().markDelivery("globex", "m-1", MessageRecord.Delivery.READ);

    assertThat(transcripts().find("acme", "m-1")).contains(acme);
    assertThat(transcripts().transcript("acme", "s-1")).containsExactly(acme);
  }

  @Test
  @DisplayName("contacts: the same id in two tenants is two contacts, removed alone")
  void contactsIsolated() {
    ContactRecord acme = contacts().save(new ContactRecord("acme", "c-1", "Zoë", List.of(), Map.of(), T0, 0));
    contacts().save(new ContactRecord("globex", "c-1", "Adam", List.of(), Map.of(), T0, 0));

    assertThat(contacts().remove("globex", "c-1")).isTrue();

    assertThat(contacts().find("acme", "c-1")).contains(acme);
    assertThat(contacts().list("acme", null, 10).items()).containsExactly(acme);
    assertThat(contacts().list("globex", null, 10).items()).isEmpty();
  }

  @Test
  @DisplayName("blacklist and invitations: each tenant has its own entries")
  void blacklistAndInvitationsIsolated() {
    BlacklistEntry entry = new BlacklistEntry("acme", "WEB_CHAT", "visitor-1", "abusive", "alice", T0);
    InvitationRecord invitation =
        new InvitationRecord("acme", "042917", "alice", false, T0, T0.plus(Duration.ofDays(1)), null, null);
    storage().blacklist().put(entry);
    storage().invitations().put(invitation);

    assertThat(storage().blacklist().find("acme", "WEB_CHAT", "visitor-1")).contains(entry);
    assertThat(storage().blacklist().find("globex", "WEB_CHAT", "visitor-1")).isEmpty();
    assertThat(storage().invitations().find("acme", "042917")).contains(invitation);
    assertThat(storage().invitations().find("globex", "042917")).isEmpty();
  }

  @Test
  @DisplayName("tags: each tenant has its own catalogue and recent tags")
  void tagsIsolated() {
    storage().tags().define("acme", "vip");
    storage().tags().define("globex", "spam");
    storage().tags().used("globex", "alice", "spam", T0);
    storage().tags().remove("globex", "vip");

    assertThat(storage().tags().catalogue("acme")).containsExactly("vip");
    assertThat(storage().tags().recent("acme", "alice", 5)).isEmpty();
  }

  @Test
  @DisplayName("templates: the same id in two tenants is two templates, with their own stars")
  void templatesIsolated() {
    TemplateRecord acme = new TemplateRecord("acme", "t-1", "Hello", "Hello!", null);
    storage().templates().put(acme);
    storage().templates().put(new TemplateRecord("globex", "t-1", "Hi", "Hi!", null));
    storage().templates().star("globex", "alice", "t-1", true);

    storage().templates().remove("globex", "t-1");

    assertThat(storage().templates().list("acme")).containsExactly(acme);
    assertThat(storage().templates().starred("acme", "alice")).isEmpty();
  }

  @Test
  @DisplayName("outbox: each tenant has its own records and consumer cursors")
  void outboxIsolated() {
    outbox().append(List.of(OutboxStoreKit.event("acme", "a", T0)));
    outbox().append(List.of(OutboxStoreKit.event("globex", "b", T0)));
    outbox().saveCursor("globex", "hook", 1);
    outbox().purgeBefore("globex", T0.plusSeconds(1));

    assertThat(outbox().after("acme", 0, 10)).extracting(r -> r.type()).containsExactly("a");
    assertThat(outbox().cursor("acme", "hook")).isZero();
  }

  @Test
  @DisplayName("configuration: the same kind and key in two tenants are two records")
  void configIsolated() {
    ConfigRecord acme = new ConfigRecord("acme", "group", "sales", Map.of("strategy", "LONGEST_IDLE"));
    storage().config().put(acme);
    storage().config().put(new ConfigRecord("globex", "group", "sales", Map.of()));

    storage().config().remove("globex", "group", "sales");

    assertThat(storage().config().list("acme")).containsExactly(acme);
    assertThat(storage().config().tenants()).containsExactly("acme");
  }
}
