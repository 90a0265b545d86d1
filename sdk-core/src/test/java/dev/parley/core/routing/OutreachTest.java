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
  /** The ended session's entry, as the caller reads it from storage. */
  private static final Entry OLD = CoreFixture.entry(Channel.WHATSAPP, SALES, "420777");
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
    f.arrive("old", OLD);
    f.accept("old", alice);
    f.end("old", Actor.CLIENT);
    f.apply(new Command.CompleteWrapUp(sid("old"), alice, "done", null));
    assertThat(f.state("old")).isEqualTo(SessionState.ENDED);
  }

  @Test
  @DisplayName("contacting the client of an ended WhatsApp session opens a linked session in its group, active with him, told as queued, offered and accepted")
  void contactAgain() {
    List<Event> events = f.apply(new Command.Outreach(sid("new"), alice, sid("old"), OLD));

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
    f.apply(new Command.Outreach(sid("wa"), alice, null, Entry.builder(Channel.WHATSAPP).client("420601").build()));
    assertThat(f.state("wa")).isEqualTo(SessionState.ACTIVE);
    f.end("wa", Actor.operator(alice));

    f.apply(new Command.Outreach(sid("call"), alice, null, Entry.builder(Channel.PHONE).client("+420601").group(SALES).build()));

    assertThat(f.state("call")).isEqualTo(SessionState.ACTIVE);
    assertThat(f.holder("call")).isEqualTo(alice);
  }

  @Test
  @DisplayName("an operator who cannot take it, a blocked client, one in a session, a live session, are refused and change nothing")
  void refusals() {
    f.rejects(new Command.Outreach(sid("new"), bob, sid("old"), OLD), CapacityExceededException.class); // offline
    f.apply(new Command.SetPhoneLine(alice, false));
    f.rejects(new Command.Outreach(sid("call"), alice, null, Entry.builder(Channel.PHONE).client("+420601").build()),
        CapacityExceededException.class); // no phone line
    f.apply(new Command.Outreach(sid("wa"), alice, null, Entry.builder(Channel.WHATSAPP).client("420601").build()));
    f.rejects(new Command.Outreach(sid("new"), alice, sid("old"), OLD), CapacityExceededException.class); // full
    f.rejects(new Command.Outreach(sid("again"), alice, null, Entry.builder(Channel.WHATSAPP).client("420601").build()),
        IllegalTransitionException.class); // he is in a session
    f.rejects(new Command.Outreach(sid("new"), alice, sid("wa"), OLD), IllegalTransitionException.class);
    f.rejects(new Command.Outreach(sid("wa"), alice, sid("old"), OLD), DuplicateException.class);
    f.end("wa", Actor.operator(alice));
    f.apply(new Command.Block(new ClientRef(Channel.WHATSAPP, "420777"), Actor.admin("root"), "spam"));
    f.rejects(new Command.Outreach(sid("new"), alice, sid("old"), OLD), NotPermittedException.class);
  }

  @Test
  @DisplayName("a session the core forgot is continued as the caller read it from storage, in the entry's group")
  void forgotten() {
    List<Event> events = f.apply(new Command.Outreach(sid("new"), alice, sid("long-ago"),
        CoreFixture.entry(Channel.WHATSAPP, SALES, "420999")));

    Event.SessionQueued queued = CoreFixture.one(events, Event.SessionQueued.class);
    assertThat(queued.reopens()).isEqualTo(sid("long-ago"));
    assertThat(queued.group()).isEqualTo(SALES);
    assertThat(f.state("new")).isEqualTo(SessionState.ACTIVE);
  }

  @Test
  @DisplayName("another client's session, web chat or e-mail are refused")
  void arguments() {
    f.rejects(new Command.Outreach(sid("new"), alice, sid("old"), CoreFixture.entry(Channel.WHATSAPP, SALES, "1")),
        IllegalTransitionException.class);
    assertThatThrownBy(() -> new Command.Outreach(sid("s"), alice, null, Entry.builder(Channel.WEB_CHAT).client("v-1").build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("WEB_CHAT");
    assertThatThrownBy(() -> new Command.Outreach(sid("s"), alice, null, Entry.builder(Channel.EMAIL).client("a@b.cz").build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("EMAIL");
  }
}
