package dev.parley.storage.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.parley.storage.ContactRecord;
import dev.parley.storage.ContactRecord.Identity;
import dev.parley.storage.ContactRecord.Identity.Kind;
import dev.parley.storage.Page;
import dev.parley.storage.SessionQuery;
import dev.parley.storage.SessionRecord;
import dev.parley.storage.StaleWriteException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The {@link dev.parley.storage.ContactStore} part of the {@link StorageTck}. */
abstract class ContactStoreKit extends StorageKit {
  static final Identity PHONE = new Identity(Kind.PHONE, "+420601234567");
  static final Identity EMAIL = new Identity(Kind.EMAIL, "zoe@example.com");
  static final Identity WHATSAPP = new Identity(Kind.NETWORK, "WHATSAPP:420601234567");

  ContactStoreKit(StorageTck tck) {
    super(tck);
  }

  /** A new contact (version 0) of acme. */
  static ContactRecord contact(String id, String name, Identity... identities) {
    return new ContactRecord("acme", id, name, List.of(identities), Map.of(), T0, 0);
  }

  private List<String> listAll(int limit) {
    List<String> ids = new ArrayList<>();
    String cursor = null;
    do {
      Page<ContactRecord> page = contacts().list("acme", cursor, limit);
      assertThat(page.items()).hasSizeLessThanOrEqualTo(limit);
      page.items().forEach(c -> ids.add(c.id()));
      cursor = page.next();
    } while (cursor != null);
    return ids;
  }

  @Nested
  @DisplayName("round trips and versions")
  class RoundTrips {
    @Test
    @DisplayName("a new contact is stored at version 1 and found again with its identities and details in order")
    void roundTrip() {
      Map<String, String> details = new LinkedHashMap<>();
      details.put("company", "Acme s.r.o.");
      details.put("address", "Dlouhá 1\nPraha");
      details.put("note", "");
      ContactRecord fresh = new ContactRecord("acme", "c-1", "Zoë O'Neil", List.of(WHATSAPP, PHONE, EMAIL),
          details, T0.plusNanos(42), 0);

      ContactRecord stored = contacts().save(fresh);

      assertThat(stored).isEqualTo(fresh.withVersion(1));
      ContactRecord found = contacts().find("acme", "c-1").orElseThrow();
      assertThat(found).isEqualTo(stored);
      assertThat(found.identities()).containsExactly(WHATSAPP, PHONE, EMAIL);
      assertThat(found.details().keySet()).containsExactly("company", "address", "note");
      assertThat(contacts().find("acme", "c-2")).isEmpty();
      assertThat(contacts().find("globex", "c-1")).isEmpty();
    }

    @Test
    @DisplayName("each save moves the version on; a stale one fails and writes nothing")
    void versions() {
      ContactRecord v1 = contacts().save(contact("c-1", "Zoë", PHONE));
      ContactRecord v2 = contacts().save(contact("c-1", "Zoë Nová", PHONE, EMAIL).withVersion(1));

      StaleWriteException e = catchThrowableOfType(StaleWriteException.class,
          () -> contacts().save(contact("c-1", "Stale", PHONE).withVersion(v1.version())));

      assertThat(v2.version()).isEqualTo(2);
      assertThat(e.expectedVersion()).isEqualTo(1);
      assertThat(e.actualVersion()).isEqualTo(2);
      assertThat(contacts().find("acme", "c-1")).contains(v2);
    }

    @Test
    @DisplayName("a new contact with the id of a stored one, or an update of one never stored, fails")
    void rejectsWrongVersionZero() {
      ContactRecord stored = contacts().save(contact("c-1", "Zoë"));

      assertThatThrownBy(() -> contacts().save(contact("c-1", "Other"))).isInstanceOf(StaleWriteException.class);
      assertThatThrownBy(() -> contacts().save(contact("c-2", "Ghost").withVersion(4)))
          .isInstanceOf(StaleWriteException.class);
      assertThat(contacts().find("acme", "c-1")).contains(stored);
      assertThat(contacts().find("acme", "c-2")).isEmpty();
    }
  }

  @Nested
  @DisplayName("identities")
  class Identities {
    @Test
    @DisplayName("a contact is found by each of its identities, and the kind is part of the identity")
    void findsByIdentity() {
      ContactRecord zoe = contacts().save(contact("c-1", "Zoë", PHONE, EMAIL));

      assertThat(contacts().findByIdentity("acme", PHONE)).contains(zoe);
      assertThat(contacts().findByIdentity("acme", EMAIL)).contains(zoe);
      assertThat(contacts().findByIdentity("acme", new Identity(Kind.CUSTOM, PHONE.value()))).isEmpty();
      assertThat(contacts().findByIdentity("acme", WHATSAPP)).isEmpty();
      assertThat(contacts().findByIdentity("globex", PHONE)).isEmpty();
    }

    @Test
    @DisplayName("contacts are found by an identifier, a network identity's without its network, whatever its kind")
    void findsByIdentifier() {
      Identity userId = new Identity(Kind.NETWORK, "WHATSAPP:US.1349120865");
      ContactRecord zoe = contacts().save(contact("c-1", "Zoë", WHATSAPP, userId));
      ContactRecord adam = contacts().save(contact("c-2", "Adam", new Identity(Kind.PHONE, "420601234567"), EMAIL));
      contacts().save(contact("c-3", "Eve", new Identity(Kind.NETWORK, "VK:1_2"), new Identity(Kind.CUSTOM, "x%")));

      assertThat(contacts().findByIdentifier("acme", "US.1349120865")).containsExactly(zoe);
      assertThat(contacts().findByIdentifier("acme", "WHATSAPP:US.1349120865")).containsExactly(zoe);
      assertThat(contacts().findByIdentifier("acme", "420601234567")).containsExactly(zoe, adam);
      assertThat(contacts().findByIdentifier("acme", "zoe@example.com")).containsExactly(adam);
      assertThat(contacts().findByIdentifier("acme", "1349120865")).isEmpty();
      assertThat(contacts().findByIdentifier("acme", "1%2")).isEmpty(); // LIKE's wildcards are plain characters
      assertThat(contacts().findByIdentifier("acme", "1_2")).hasSize(1);
      assertThat(contacts().findByIdentifier("acme", "x_")).isEmpty();
      assertThat(contacts().findByIdentifier("globex", "US.1349120865")).isEmpty();
    }

    @Test
    @DisplayName("an identity of one contact cannot be given to another; nothing is written")
    void unique() {
      ContactRecord zoe = contacts().save(contact("c-1", "Zoë", PHONE));
      ContactRecord adam = contacts().save(contact("c-2", "Adam", EMAIL));

      assertThatThrownBy(() -> contacts().save(contact("c-3", "Eve", WHATSAPP, PHONE)))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> contacts().save(contact("c-2", "Adam", EMAIL, PHONE).withVersion(1)))
          .isInstanceOf(IllegalArgumentException.class);

      assertThat(contacts().find("acme", "c-3")).isEmpty();
      assertThat(contacts().find("acme", "c-2")).contains(adam);
      assertThat(contacts().findByIdentity("acme", WHATSAPP)).isEmpty();
      assertThat(contacts().findByIdentity("acme", PHONE)).contains(zoe);
    }

    @Test
    @DisplayName("an identity a contact gives up, or a removed contact had, is free for another")
    void freed() {
      ContactRecord zoe = contacts().save(contact("c-1", "Zoë", PHONE, EMAIL));
      contacts().save(contact("c-1", "Zoë", EMAIL).withVersion(zoe.version()));
      ContactRecord adam = contacts().save(contact("c-2", "Adam", PHONE));
      contacts().remove("acme", "c-1");
      ContactRecord eve = contacts().save(contact("c-3", "Eve", EMAIL));

      assertThat(contacts().findByIdentity("acme", PHONE)).contains(adam);
      assertThat(contacts().findByIdentity("acme", EMAIL)).contains(eve);
    }

    @Test
    @DisplayName("the same identity may belong to contacts of different tenants")
    void perTenant() {
      ContactRecord acme = contacts().save(contact("c-1", "Zoë", PHONE));
      ContactRecord globex = contacts().save(new ContactRecord("globex", "c-9", "Zoë", List.of(PHONE), Map.of(), T0, 0));

      assertThat(contacts().findByIdentity("acme", PHONE)).contains(acme);
      assertThat(contacts().findByIdentity("globex", PHONE)).contains(globex);
    }
  }

  @Nested
  @DisplayName("listing")
  class Listing {
    @Test
    @DisplayName("lists by name, then id, a page at a time, each contact once")
    void pages() {
      for (String[] c : new String[][] {{"c-5", "Eve"}, {"c-2", "Adam"}, {"c-9", "Zoë"}, {"c-1", "Eve"},
          {"c-3", "Bob"}, {"c-4", "Adam"}, {"c-7", "Carol"}}) {
        contacts().save(contact(c[0], c[1]));
      }
      contacts().save(new ContactRecord("globex", "c-0", "Aaron", List.of(), Map.of(), T0, 0));

      for (int limit = 1; limit <= 8; limit++) {
        assertThat(listAll(limit)).as("limit %d", limit)
            .containsExactly("c-2", "c-4", "c-3", "c-7", "c-1", "c-5", "c-9");
      }
      assertThat(contacts().list("acme", null, 7).nextCursor()).isEmpty();
      assertThat(contacts().list("initech", null, 5).items()).isEmpty();
    }

    @Test
    @DisplayName("a cursor stays put when contacts are added between pages")
    void stable() {
      contacts().save(contact("c-1", "Bob"));
      contacts().save(contact("c-2", "Dan"));
      contacts().save(contact("c-3", "Fay"));
      Page<ContactRecord> first = contacts().list("acme", null, 2);
      contacts().save(contact("c-4", "Amy"));
      contacts().save(contact("c-5", "Eve"));

      Page<ContactRecord> rest = contacts().list("acme", first.next(), 10);

      assertThat(rest.items()).extracting(ContactRecord::id).containsExactly("c-5", "c-3");
    }

    @Test
    @DisplayName("a cursor not handed out for this tenant's list, or a limit out of range, is rejected")
    void rejectsBadArguments() {
      contacts().save(contact("c-1", "Bob"));
      contacts().save(contact("c-2", "Dan"));
      contacts().save(new ContactRecord("globex", "c-1", "Bob", List.of(), Map.of(), T0, 0));
      contacts().save(new ContactRecord("globex", "c-2", "Dan", List.of(), Map.of(), T0, 0));
      String globex = contacts().list("globex", null, 1).next();

      assertThatThrownBy(() -> contacts().list("acme", globex, 1)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> contacts().list("acme", "not-a-cursor", 1)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> contacts().list("acme", null, 0)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> contacts().list("acme", null, SessionQuery.MAX_LIMIT + 1))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Nested
  @DisplayName("from sessions")
  class FromSessions {
    @Test
    @DisplayName("a contact made from a session has the session's identities, and the session is linked to it")
    void fromSession() {
      save(served("acme", "s-1", T0).client("420601234567").clientName("Zoë").phone("+420601234567").email("zoe@example.com"));

      ContactRecord made = storage().contactFromSession("acme", "s-1", "c-1", null, T0.plusSeconds(60));

      assertThat(made.name()).isEqualTo("Zoë");
      assertThat(made.identities()).containsExactly(new Identity(Kind.NETWORK, "WEB_CHAT:420601234567"), PHONE, EMAIL);
      assertThat(contacts().find("acme", "c-1")).contains(made);
      assertThat(sessions().find("acme", "s-1").orElseThrow().contact()).contains("c-1");
    }

    @Test
    @DisplayName("a contact shows its sessions across channels, and a session can be unlinked again")
    void sessionsAcrossChannels() {
      contacts().save(contact("c-1", "Zoë", PHONE));
      save(served("acme", "s-chat", T0));
      save(queuedOn("WHATSAPP", "acme", "s-wa", T0.plusSeconds(5)));
      save(served("acme", "s-other", T0.plusSeconds(9)));

      storage().link("acme", "s-chat", "c-1");
      storage().link("acme", "s-wa", "c-1");

      assertThat(sessions().query(SessionQuery.builder("acme").contact("c-1").build()).items())
          .extracting(SessionRecord::id).containsExactly("s-wa", "s-chat");
      storage().link("acme", "s-chat", null);
      assertThat(sessions().query(SessionQuery.builder("acme").contact("c-1").build()).items())
          .extracting(SessionRecord::id).containsExactly("s-wa");
    }

    @Test
    @DisplayName("linking to an unknown contact or session, or making a nameless contact, is refused and changes nothing")
    void refusals() {
      save(served("acme", "s-1", T0));

      assertThatThrownBy(() -> storage().link("acme", "s-1", "c-404")).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("c-404");
      assertThatThrownBy(() -> storage().link("acme", "s-404", null)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("s-404");
      assertThatThrownBy(() -> storage().contactFromSession("acme", "s-1", "c-1", null, T0))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no client name");
      assertThat(contacts().find("acme", "c-1")).isEmpty();
      assertThat(sessions().find("acme", "s-1").orElseThrow().version()).isEqualTo(1);
    }
  }

  @Nested
  @DisplayName("removal")
  class Removal {
    @Test
    @DisplayName("removing a contact unlinks its sessions at their next version; they stay, others are untouched")
    void unlinksSessions() {
      contacts().save(contact("c-1", "Zoë", PHONE));
      contacts().save(contact("c-2", "Adam"));
      SessionRecord linked = save(served("acme", "s-1", T0).contact("c-1"));
      SessionRecord linkedLive = save(queued("acme", "s-2", T0).contact("c-1"));
      SessionRecord other = save(served("acme", "s-3", T0).contact("c-2"));
      SessionRecord otherTenant = save(served("globex", "s-1", T0).contact("c-1"));

      assertThat(contacts().remove("acme", "c-1")).isTrue();

      assertThat(contacts().find("acme", "c-1")).isEmpty();
      assertThat(contacts().findByIdentity("acme", PHONE)).isEmpty();
      assertThat(sessions().find("acme", "s-1"))
          .contains(linked.toBuilder().contact(null).version(linked.version() + 1).build());
      assertThat(sessions().find("acme", "s-2"))
          .contains(linkedLive.toBuilder().contact(null).version(linkedLive.version() + 1).build());
      assertThat(sessions().find("acme", "s-3")).contains(other);
      assertThat(sessions().find("globex", "s-1")).contains(otherTenant);
      assertThat(sessions().query(SessionQuery.builder("acme").contact("c-1").build()).items()).isEmpty();
    }

    @Test
    @DisplayName("a session saved at the version it had before the unlinking is stale")
    void unlinkingIsAWrite() {
      contacts().save(contact("c-1", "Zoë"));
      SessionRecord linked = save(queued("acme", "s-1", T0).contact("c-1"));
      contacts().remove("acme", "c-1");

      assertThatThrownBy(() -> update(linked, b -> b.priority(2))).isInstanceOf(StaleWriteException.class);
    }

    @Test
    @DisplayName("removing a contact that does not exist returns false")
    void unknown() {
      contacts().save(new ContactRecord("globex", "c-1", "Zoë", List.of(), Map.of(), T0, 0));

      assertThat(contacts().remove("acme", "c-1")).isFalse();
      assertThat(contacts().find("globex", "c-1")).isPresent();
    }
  }
}
