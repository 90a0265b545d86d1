package dev.parley.core.routing;

import static dev.parley.core.routing.CoreFixture.SALES;
import static dev.parley.core.routing.CoreFixture.sid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.Actor;
import dev.parley.core.CapacityExceededException;
import dev.parley.core.Channel;
import dev.parley.core.ClientRef;
import dev.parley.core.Command;
import dev.parley.core.DuplicateException;
import dev.parley.core.Entry;
import dev.parley.core.IllegalTransitionException;
import dev.parley.core.NotPermittedException;
import dev.parley.core.OperatorId;
import dev.parley.core.OperatorSpec;
import dev.parley.core.SessionState;
import dev.parley.core.event.Event;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Outreach: an operator contacts a client again, or starts a conversation, and has it at once")
class OutreachTest {
  private final CoreFixture f = new CoreFixture();
  private OperatorId alice;
  private OperatorId bob;

  @BeforeEach
  void start() {
    f.group(SALES);
    alice = f.operator(OperatorSpec.builder(OperatorId.of("alice")).group(SALES).channel(Channel.WHATSAPP, 1)
        .channel(Channel.PHONE).channel(Channel.WEB_CHAT).build());
    bob = f.operator("bob", SALES, Channel.WHATSAPP);
    f.online(alice);
    f.arrive("old", CoreFixture.entry(Channel.WHATSAPP, SALES, "420777"));
    f.accept("old", alice);
    f.end("old", Actor.CLIENT);
    f.apply(new Command.CompleteWrapUp(sid("old"), alice, "done", null));
    assertThat(f.state("old")).isEqualTo(SessionState.ENDED);
  }

  @Test
  @DisplayName("contacting the client of an ended WhatsApp session opens a linked session in its group, active with him, told as queued, offered and accepted")
  void contactAgain() {
    List<Event> events = f.apply(Command.Outreach.contact(sid("old"), sid("new"), alice));

    assertThat(CoreFixture.kinds(events)).containsExactly(Event.SessionQueued.class, Event.SessionOffered.class,
        Event.SessionAccepted.class);
    Event.SessionQueued queued = CoreFixture.one(events, Event.SessionQueued.class);
    assertThat(queued.reopens()).isEqualTo(sid("old"));
    assertThat(queued.group()).isEqualTo(SALES);
    assertThat(queued.actor()).isEqualTo(Actor.operator(alice));
    assertThat(f.state("new")).isEqualTo(SessionState.ACTIVE);
    assertThat(f.holder("new")).isEqualTo(alice);
    assertThat(f.view("new").entry().client()).contains(new ClientRef(Channel.WHATSAPP, "420777"));
  }

  @Test
  @DisplayName("a new WhatsApp conversation or phone call to a number is his at once")
  void startNew() {
    f.apply(Command.Outreach.start(sid("wa"), alice, Entry.builder(Channel.WHATSAPP).client("420601").build()));
    assertThat(f.state("wa")).isEqualTo(SessionState.ACTIVE);
    f.end("wa", Actor.operator(alice));

    f.apply(Command.Outreach.start(sid("call"), alice, Entry.builder(Channel.PHONE).client("+420601").group(SALES).build()));

    assertThat(f.state("call")).isEqualTo(SessionState.ACTIVE);
    assertThat(f.holder("call")).isEqualTo(alice);
  }

  @Test
  @DisplayName("an operator who cannot take it, a blocked client, one in a session, a live or unknown session, are refused and change nothing")
  void refusals() {
    f.rejects(Command.Outreach.contact(sid("old"), sid("new"), bob), CapacityExceededException.class); // offline
    f.apply(new Command.SetPhoneLine(alice, false));
    f.rejects(Command.Outreach.start(sid("call"), alice, Entry.builder(Channel.PHONE).client("+420601").build()),
        CapacityExceededException.class); // no phone line
    f.apply(Command.Outreach.start(sid("wa"), alice, Entry.builder(Channel.WHATSAPP).client("420601").build()));
    f.rejects(Command.Outreach.contact(sid("old"), sid("new"), alice), CapacityExceededException.class); // full
    f.rejects(Command.Outreach.start(sid("again"), alice, Entry.builder(Channel.WHATSAPP).client("420601").build()),
        IllegalTransitionException.class); // he is in a session
    f.rejects(Command.Outreach.contact(sid("wa"), sid("new"), alice), IllegalTransitionException.class);
    f.rejects(Command.Outreach.contact(sid("nope"), sid("new"), alice), dev.parley.core.NoSuchSessionException.class);
    f.rejects(Command.Outreach.contact(sid("old"), sid("wa"), alice), DuplicateException.class);
    f.end("wa", Actor.operator(alice));
    f.apply(new Command.Block(new ClientRef(Channel.WHATSAPP, "420777"), Actor.admin("root"), "spam"));
    f.rejects(Command.Outreach.contact(sid("old"), sid("new"), alice), NotPermittedException.class);
  }

  @Test
  @DisplayName("web chat, e-mail, or both an ended session and an entry, are argument mistakes")
  void arguments() {
    assertThatThrownBy(() -> Command.Outreach.start(sid("s"), alice, Entry.builder(Channel.WEB_CHAT).client("v-1").build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("WEB_CHAT");
    assertThatThrownBy(() -> Command.Outreach.start(sid("s"), alice, Entry.builder(Channel.EMAIL).client("a@b.cz").build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("EMAIL");
    assertThatThrownBy(() -> new Command.Outreach(sid("s"), alice, sid("old"), Entry.builder(Channel.WHATSAPP).client("1").build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exactly one");
  }
}
