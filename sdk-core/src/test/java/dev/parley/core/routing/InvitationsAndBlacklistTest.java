package dev.parley.core.routing;

import static dev.parley.core.routing.CoreFixture.ADMIN;
import static dev.parley.core.routing.CoreFixture.SALES;
import static dev.parley.core.routing.CoreFixture.kinds;
import static dev.parley.core.routing.CoreFixture.one;
import static dev.parley.core.routing.CoreFixture.only;
import static dev.parley.core.routing.CoreFixture.sid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.Actor;
import dev.parley.core.Channel;
import dev.parley.core.ClientRef;
import dev.parley.core.Command;
import dev.parley.core.Entry;
import dev.parley.core.InvitationNotValidException;
import dev.parley.core.NoSuchOperatorException;
import dev.parley.core.NotPermittedException;
import dev.parley.core.OperatorId;
import dev.parley.core.OperatorStatus;
import dev.parley.core.SessionState;
import dev.parley.core.TenantSettings;
import dev.parley.core.event.Event;
import dev.parley.core.event.Event.ClientBlocked;
import dev.parley.core.event.Event.ClientUnblocked;
import dev.parley.core.event.Event.InvitationCreated;
import dev.parley.core.event.Event.InvitationEndReason;
import dev.parley.core.event.Event.InvitationEnded;
import dev.parley.core.event.Event.RefusalReason;
import dev.parley.core.event.Event.SessionOffered;
import dev.parley.core.event.Event.SessionQueued;
import dev.parley.core.event.Event.SessionRefused;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Invitations and the blacklist")
class InvitationsAndBlacklistTest {
  private final CoreFixture f = new CoreFixture();
  private OperatorId alice;

  @BeforeEach
  void aliceOnline() {
    f.group(SALES);
    alice = f.online("alice", SALES, Channel.WEB_CHAT, Channel.WHATSAPP);
  }

  @Nested
  @DisplayName("an invitation")
  class Invitations {
    private InvitationCreated invite(boolean reusable, Duration validity) {
      return one(f.apply(new Command.CreateInvitation(alice, reusable, validity)), InvitationCreated.class);
    }

    private List<Event> enter(String session, String code) {
      return f.arrive(session, Entry.builder(Channel.WEB_CHAT).invitationCode(code).build());
    }

    @Test
    @DisplayName("has a fresh six-digit code and expires after the tenant's default validity")
    void created() {
      InvitationCreated created = invite(false, null);

      assertThat(created.code()).matches("[0-9]{6}");
      assertThat(created.operator()).isEqualTo(alice);
      assertThat(created.reusable()).isFalse();
      assertThat(created.expiresAt()).isEqualTo(f.now.plus(Duration.ofHours(24)));
      assertThat(created.actor()).isEqualTo(Actor.operator(alice));
    }

    @Test
    @DisplayName("codes of valid invitations are unique")
    void uniqueCodes() {
      Set<String> codes = new HashSet<>();
      for (int i = 0; i < 200; i++) {
        codes.add(invite(true, null).code());
      }

      assertThat(codes).hasSize(200);
    }

    @Test
    @DisplayName("routes the client to the operator who made it")
    void routesToHim() {
      String code = invite(false, null).code();

      List<Event> events = enter("i1", code);

      assertThat(kinds(events)).containsExactly(SessionQueued.class, InvitationEnded.class, SessionOffered.class);
      SessionQueued queued = (SessionQueued) events.get(0);
      assertThat(queued.operator()).isEqualTo(alice);
      assertThat(queued.group()).isNull();
      InvitationEnded used = (InvitationEnded) events.get(1);
      assertThat(used.code()).isEqualTo(code);
      assertThat(used.reason()).isEqualTo(InvitationEndReason.USED);
      assertThat(((SessionOffered) events.get(2)).operators()).containsExactly(alice);
      assertThat(f.view("i1").waitsFor()).isEqualTo(alice);
    }

    @Test
    @DisplayName("a one-off code is refused the second time, and nothing of that client is kept")
    void oneOffOnce() {
      String code = invite(false, null).code();
      enter("i1", code);

      InvitationNotValidException e = f.rejects(
          new Command.Arrive(sid("i2"), Entry.builder(Channel.WEB_CHAT).invitationCode(code).build()),
          InvitationNotValidException.class);

      assertThat(e.code()).isEqualTo(code);
      assertThat(f.core.session(sid("i2"))).isEmpty();
    }

    @Test
    @DisplayName("a reusable code serves many clients until it expires")
    void reusable() {
      String code = invite(true, Duration.ofMinutes(10)).code();

      List<Event> first = enter("i1", code);
      List<Event> second = enter("i2", code);

      assertThat(only(first, InvitationEnded.class)).isEmpty();
      assertThat(only(second, InvitationEnded.class)).isEmpty();
      assertThat(f.view("i1").waitsFor()).isEqualTo(alice);
      assertThat(f.view("i2").waitsFor()).isEqualTo(alice);
    }

    @Test
    @DisplayName("expires when its validity has passed")
    void expires() {
      InvitationCreated created = invite(true, Duration.ofMinutes(10));
      assertThat(f.core.nextDeadline()).contains(created.expiresAt());

      assertThat(f.advance(Duration.ofMinutes(10).minusNanos(1))).isEmpty();
      List<Event> events = f.advance(Duration.ofNanos(1));

      InvitationEnded expired = one(events, InvitationEnded.class);
      assertThat(expired.reason()).isEqualTo(InvitationEndReason.EXPIRED);
      assertThat(expired.at()).isEqualTo(created.expiresAt());
      assertThat(expired.actor()).isEqualTo(Actor.SYSTEM);
      f.rejects(
          new Command.Arrive(sid("i1"), Entry.builder(Channel.WEB_CHAT).invitationCode(created.code()).build()),
          InvitationNotValidException.class);
    }

    @Test
    @DisplayName("can be invalidated before it expires, once")
    void invalidate() {
      String code = invite(true, null).code();

      InvitationEnded ended = one(f.apply(new Command.InvalidateInvitation(code, ADMIN)), InvitationEnded.class);

      assertThat(ended.reason()).isEqualTo(InvitationEndReason.INVALIDATED);
      assertThat(ended.actor()).isEqualTo(ADMIN);
      f.rejects(new Command.InvalidateInvitation(code, ADMIN), InvitationNotValidException.class);
      f.rejects(
          new Command.Arrive(sid("i1"), Entry.builder(Channel.WEB_CHAT).invitationCode(code).build()),
          InvitationNotValidException.class);
    }

    @Test
    @DisplayName("a client whose operator is logged out gets the offline form, and the code stays valid")
    void operatorOffline() {
      String code = invite(false, null).code();
      f.status(alice, OperatorStatus.OFFLINE);

      SessionRefused refused = one(enter("i1", code), SessionRefused.class);
      assertThat(refused.reason()).isEqualTo(RefusalReason.NOBODY_ONLINE);
      assertThat(refused.offlineForm()).isTrue();

      f.status(alice, OperatorStatus.ONLINE);
      enter("i2", code);
      assertThat(f.holder("i2")).isEqualTo(alice);
    }

    @Test
    @DisplayName("is refused on a channel the operator does not take, and for an unknown operator")
    void channelNotTaken() {
      String code = invite(true, null).code();

      f.rejects(new Command.Arrive(sid("v1"), Entry.builder(Channel.VIDEO_CALL).invitationCode(code).build()),
          InvitationNotValidException.class);
      f.rejects(new Command.CreateInvitation(OperatorId.of("nobody"), false, null), NoSuchOperatorException.class);
    }
  }

  @Nested
  @DisplayName("the blacklist")
  class Blacklist {
    private final ClientRef jana = new ClientRef(Channel.WHATSAPP, "420777123456");

    @Test
    @DisplayName("refuses a blocked client at the door until he is unblocked")
    void blockAndUnblock() {
      ClientBlocked blocked = one(f.apply(new Command.Block(jana, ADMIN, "spam")), ClientBlocked.class);
      assertThat(blocked.client()).isEqualTo(jana);
      assertThat(blocked.reason()).isEqualTo("spam");
      assertThat(blocked.actor()).isEqualTo(ADMIN);

      assertThat(one(f.arrive("w1", CoreFixture.entry(Channel.WHATSAPP, SALES, "420777123456")), SessionRefused.class)
          .reason()).isEqualTo(RefusalReason.BLOCKED);

      ClientUnblocked unblocked = one(f.apply(new Command.Unblock(jana, ADMIN)), ClientUnblocked.class);
      assertThat(unblocked.client()).isEqualTo(jana);
      f.arrive("w2", CoreFixture.entry(Channel.WHATSAPP, SALES, "420777123456"));
      assertThat(f.state("w2")).isEqualTo(SessionState.OFFERED);
    }

    @Test
    @DisplayName("blocks an identity on one channel only")
    void perChannel() {
      f.apply(new Command.Block(jana, ADMIN, "spam"));

      f.arrive("s1", Entry.builder(Channel.WEB_CHAT).group(SALES).client("420777123456").build());

      assertThat(f.state("s1")).isEqualTo(SessionState.OFFERED);
    }

    @Test
    @DisplayName("unblocking a client who is not blocked tells nothing")
    void unblockUnknown() {
      assertThat(f.apply(new Command.Unblock(jana, ADMIN))).isEmpty();
    }

    @Test
    @DisplayName("operators may block only when the tenant lets them; clients never")
    void whoMayBlock() {
      assertThat(f.apply(new Command.Block(jana, Actor.operator(alice), "rude"))).hasSize(1);
      f.apply(new Command.Unblock(jana, ADMIN));
      f.apply(new Command.ConfigureTenant(TenantSettings.builder().operatorsMayBlock(false).build()));

      f.rejects(new Command.Block(jana, Actor.operator(alice), "rude"), NotPermittedException.class);
      f.rejects(new Command.Block(jana, Actor.CLIENT, "rude"), NotPermittedException.class);
      f.arrive("w1", CoreFixture.entry(Channel.WHATSAPP, SALES, "420777123456"));
      assertThat(f.state("w1")).as("the refused blocks left him off the list").isEqualTo(SessionState.OFFERED);
      assertThat(f.apply(new Command.Block(jana, ADMIN, "rude"))).hasSize(1);
    }
  }
}
