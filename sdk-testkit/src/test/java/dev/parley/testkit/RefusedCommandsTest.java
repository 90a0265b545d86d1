package dev.parley.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.Actor;
import dev.parley.core.CapacityExceededException;
import dev.parley.core.Channel;
import dev.parley.core.Command;
import dev.parley.core.DuplicateException;
import dev.parley.core.Entry;
import dev.parley.core.GroupId;
import dev.parley.core.GroupSpec;
import dev.parley.core.IllegalTransitionException;
import dev.parley.core.InvitationNotValidException;
import dev.parley.core.NoSuchGroupException;
import dev.parley.core.NoSuchOperatorException;
import dev.parley.core.NoSuchSessionException;
import dev.parley.core.NotPermittedException;
import dev.parley.core.OperatorId;
import dev.parley.core.OperatorSpec;
import dev.parley.core.SessionId;
import dev.parley.core.SessionState;
import dev.parley.core.StillInUseException;
import dev.parley.core.TenantSettings;
import dev.parley.core.event.Event.RefusalReason;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A command the engine refuses surfaces as the engine's own typed exception, and changes nothing. */
@DisplayName("Refused commands")
class RefusedCommandsTest {
  static final GroupId SALES = GroupId.of("sales");

  private TestContactCenter center;
  private ScriptedOperator alice;
  private ScriptedOperator bob;

  @BeforeEach
  void desk() {
    center = TestContactCenter.create();
    center.group(GroupSpec.builder(SALES).build());
    alice = center.operator(OperatorSpec.builder(OperatorId.of("alice")).group(SALES).channel(Channel.WEB_CHAT, 1).build())
        .online();
    bob = center.operator(OperatorSpec.builder(OperatorId.of("bob")).channel(Channel.EMAIL).build()).online();
  }

  @AfterEach
  void close() {
    center.close();
  }

  private ScriptedClient chat() {
    return center.arrive(Entry.builder(Channel.WEB_CHAT).group(SALES).build());
  }

  @Test
  @DisplayName("accepting a session offered to someone else throws NotPermittedException and changes nothing")
  void acceptingAnotherOperatorsOffer() {
    ScriptedClient jana = chat();
    int before = center.events().size();

    assertThatThrownBy(() -> bob.accept(jana))
        .isInstanceOfSatisfying(NotPermittedException.class, e -> assertThat(e.actor()).isEqualTo(Actor.operator(bob.id())))
        .hasMessageContaining("offered to alice");
    assertThat(center.events()).hasSize(before);
    jana.assertThat().isOfferedTo(alice);
  }

  @Test
  @DisplayName("ending a session still in the queue throws IllegalTransitionException with its state")
  void endingAWaitingSession() {
    ScriptedClient jana = chat();

    assertThatThrownBy(() -> alice.end(jana))
        .isInstanceOfSatisfying(IllegalTransitionException.class, e -> {
          assertThat(e.session()).isEqualTo(jana.id());
          assertThat(e.state()).isEqualTo(SessionState.OFFERED);
        });
  }

  @Test
  @DisplayName("arriving for a group nobody defined throws NoSuchGroupException naming it")
  void unknownGroup() {
    GroupId nowhere = GroupId.of("nowhere");

    assertThatThrownBy(() -> center.arrive(Entry.builder(Channel.WEB_CHAT).group(nowhere).build()))
        .isInstanceOfSatisfying(NoSuchGroupException.class, e -> assertThat(e.group()).isEqualTo(nowhere));
  }

  @Test
  @DisplayName("arriving twice under one session id throws DuplicateException")
  void duplicateSession() {
    SessionId id = SessionId.of("web-42");
    center.arrive(id, Entry.builder(Channel.WEB_CHAT).group(SALES).build());

    assertThatThrownBy(() -> center.arrive(id, Entry.builder(Channel.WEB_CHAT).group(SALES).build()))
        .isInstanceOfSatisfying(DuplicateException.class, e -> assertThat(e.id()).isEqualTo("web-42"));
  }

  @Test
  @DisplayName("redirecting a chat to an operator without the channel throws CapacityExceededException")
  void redirectToOperatorWithoutTheChannel() {
    ScriptedClient jana = chat();
    alice.accept(jana);

    assertThatThrownBy(() -> alice.redirectTo(jana, bob, "over to you"))
        .isInstanceOfSatisfying(CapacityExceededException.class, e -> {
          assertThat(e.operator()).isEqualTo(bob.id());
          assertThat(e.channel()).isEqualTo(Channel.WEB_CHAT);
        });
    jana.assertThat().isActiveWith(alice);
  }

  @Test
  @DisplayName("an operator switching a channel the tenant locked throws NotPermittedException")
  void lockedSwitches() {
    center.configure(TenantSettings.builder().switchesLocked(true).build());

    assertThatThrownBy(() -> alice.switchOff(Channel.WEB_CHAT)).isInstanceOf(NotPermittedException.class);
  }

  @Test
  @DisplayName("an invitation used after it expired throws InvitationNotValidException")
  void expiredInvitation() {
    String code = alice.invite(Duration.ofMinutes(5));
    center.advance(Duration.ofMinutes(5));

    assertThatThrownBy(() -> center.arrive(Entry.builder(Channel.WEB_CHAT).invitationCode(code).build()))
        .isInstanceOfSatisfying(InvitationNotValidException.class, e -> assertThat(e.code()).isEqualTo(code));
  }

  @Test
  @DisplayName("removing a group an operator belongs to, through submit, throws StillInUseException")
  void submitSurfacesTypedExceptions() {
    assertThatThrownBy(() -> center.submit(new Command.RemoveGroup(SALES))).isInstanceOf(StillInUseException.class);
  }

  @Test
  @DisplayName("a script for an operator nobody defined throws NoSuchOperatorException")
  void unknownOperator() {
    assertThatThrownBy(() -> center.operator(OperatorId.of("zoe")))
        .isInstanceOfSatisfying(NoSuchOperatorException.class, e -> assertThat(e.operator()).isEqualTo(OperatorId.of("zoe")));
  }

  @Test
  @DisplayName("explaining a refused session throws NoSuchSessionException: the engine keeps nothing of it")
  void explainingARefusedSession() {
    alice.offline();
    ScriptedClient jana = chat();
    jana.assertThat().wasRefused(RefusalReason.NOBODY_ONLINE);

    assertThatThrownBy(jana::explain)
        .isInstanceOfSatisfying(NoSuchSessionException.class, e -> assertThat(e.session()).isEqualTo(jana.id()));
  }

  @Test
  @DisplayName("a closed center refuses commands with IllegalStateException")
  void closed() {
    center.close();

    assertThatThrownBy(() -> alice.online()).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
  }
}
