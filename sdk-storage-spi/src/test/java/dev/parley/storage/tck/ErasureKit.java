package dev.parley.storage.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.parley.storage.ConfigRecord;
import dev.parley.storage.ContactRecord;
import dev.parley.storage.ContactRecord.Identity;
import dev.parley.storage.OutboxRecord;
import dev.parley.storage.SessionQuery;
import dev.parley.storage.SessionRecord;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The GDPR's right to erasure ({@link dev.parley.storage.Storage#eraseClient}) part of the {@link
 * StorageTck}: after a client is erased, no store gives back what he said or who he is, and what
 * belongs to others is left as it was.
 */
abstract class ErasureKit extends StorageKit {
  private static final Identity PHONE = new Identity(Identity.Kind.PHONE, "+420601234567");

  ErasureKit(StorageTck tck) {
    super(tck);
  }

  /**
   * Zoë's sessions: s-1 under her visitor id, s-2 linked to her contact (found by her phone); and
   * s-3, of another client. Each has a message, an outbox record and a dead letter.
   */
  @BeforeEach
  void storeAClientsTraces() {
    contacts().save(new ContactRecord("acme", "c-zoe", "Zoë", List.of(PHONE), Map.of("city", "Brno"), T0, 0));
    save(served("acme", "s-1", T0).client("+420601234567").tag("vip").parameter("order", "A-17"));
    save(served("acme", "s-2", T0.plusSeconds(60)).client("zoe-on-whatsapp").contact("c-zoe"));
    save(served("acme", "s-3", T0.plusSeconds(120)).client("adam").tag("vip"));
    for (String s : List.of("s-1", "s-2", "s-3")) {
      transcripts().append(fromClient("acme", s, s + "-m", T0.plusSeconds(1), "refund my parcel, " + s));
      outbox().append(List.of(new OutboxRecord("acme", 0, "session.ended", s, T0, "{\"client\":\"" + s + "\"}")));
      storage().config().put(new ConfigRecord("acme", "webhooks.dead_letter", "hook:" + s,
          Map.of(ConfigRecord.SESSION, s, "type", "session.ended")));
    }
    outbox().append(List.of(new OutboxRecord("acme", 0, "tenant.changed", null, T0, "{}")));
    storage().config().put(new ConfigRecord("acme", "group", "sales", Map.of("name", "Sales")));
  }

  @Test
  @DisplayName("erasing a client leaves none of his sessions' traces in any store, and the others' as they were")
  void everyStoreForgetsTheClient() {
    List<String> erased = storage().eraseClient("acme", "+420601234567", T0.plusSeconds(3_600));

    assertThat(erased).containsExactlyInAnyOrder("s-1", "s-2");
    for (String s : erased) {
      SessionRecord r = sessions().find("acme", s).orElseThrow();
      assertThat(r.erasedAt()).isPresent();
      assertThat(r.client()).isEmpty();
      assertThat(r.contact()).isEmpty();
      assertThat(r.parameters()).isEmpty();
      assertThat(transcripts().transcript("acme", s)).isEmpty();
      assertThat(transcripts().find("acme", s + "-m")).isEmpty();
    }
    assertThat(contacts().find("acme", "c-zoe")).isEmpty();
    assertThat(contacts().findByIdentity("acme", PHONE)).isEmpty();
    assertThat(ids(sessions().query(SessionQuery.builder("acme").contact("c-zoe").build()).items())).isEmpty();
    assertThat(ids(sessions().query(SessionQuery.builder("acme").client("+420601234567").build()).items())).isEmpty();
    assertThat(ids(sessions().query(SessionQuery.builder("acme").client("zoe-on-whatsapp").build()).items())).isEmpty();
    assertThat(ids(sessions().query(SessionQuery.builder("acme").parameter("order", "A-17").build()).items())).isEmpty();
    if (tck().supportsFullTextSearch()) {
      assertThat(ids(sessions().query(SessionQuery.builder("acme").text("refund").build()).items()))
          .containsExactly("s-3");
    }
    assertThat(outbox().after("acme", 0, 100)).extracting(OutboxRecord::type, OutboxRecord::session)
        .containsExactly(tuple("session.ended", "s-3"),
            tuple("tenant.changed", null));
    assertThat(storage().config().list("acme")).extracting(ConfigRecord::key).containsExactly("sales", "hook:s-3");

    // what statistics need stays
    assertThat(ids(sessions().query(SessionQuery.builder("acme").tag("vip").build()).items())).containsExactly("s-3", "s-1");
    assertThat(ids(sessions().query(SessionQuery.builder("acme").operator("alice").build()).items()))
        .containsExactly("s-3", "s-2", "s-1");
  }

  @Test
  @DisplayName("a person WhatsApp knows by a phone number and a user id is erased by either, with his contact")
  void erasedByEitherIdentifier() {
    for (String given : List.of("US.1349120865", "WHATSAPP:US.1349120865", "420777000111")) {
      contacts().save(new ContactRecord("acme", "c-wa", "Petr", List.of(new Identity(Identity.Kind.NETWORK,
          "WHATSAPP:420777000111"), new Identity(Identity.Kind.NETWORK, "WHATSAPP:US.1349120865")), Map.of(), T0, 0));
      // his sessions stay under the identifier the adapter saw first, and are not linked to the contact
      save(served("acme", "wa-1-" + given, T0).client("420777000111"));
      save(served("acme", "wa-2-" + given, T0.plusSeconds(1)).client("US.1349120865"));

      assertThat(storage().eraseClient("acme", given, T0.plusSeconds(3_600))).as(given)
          .containsExactlyInAnyOrder("wa-1-" + given, "wa-2-" + given);
      assertThat(contacts().find("acme", "c-wa")).as(given).isEmpty();
      assertThat(sessions().find("acme", "s-3").orElseThrow().client()).contains("adam");
    }
  }

  @Test
  @DisplayName("erasing a client nobody knows changes nothing")
  void anUnknownClientChangesNothing() {
    assertThat(storage().eraseClient("acme", "nobody", T0.plusSeconds(3_600))).isEmpty();

    assertThat(outbox().after("acme", 0, 100)).hasSize(4);
    assertThat(storage().config().list("acme")).hasSize(4);
    assertThat(transcripts().transcript("acme", "s-1")).hasSize(1);
    assertThat(contacts().find("acme", "c-zoe")).isPresent();
  }
}
