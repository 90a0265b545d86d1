package dev.parley.core.routing;

import static dev.parley.core.routing.CoreFixture.SALES;
import static dev.parley.core.routing.CoreFixture.sid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.Actor;
import dev.parley.core.Channel;
import dev.parley.core.Command;
import dev.parley.core.IllegalTransitionException;
import dev.parley.core.NoSuchSessionException;
import dev.parley.core.OperatorId;
import dev.parley.core.SessionState;
import dev.parley.core.event.Event;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Offline forms and transcripts by e-mail")
class OfflineFormAndTranscriptTest {
  private final CoreFixture f = new CoreFixture();

  private static Map<String, String> form() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("name", "Jana");
    fields.put("text", "Please call me back");
    fields.put("email", "jana@example.cz");
    return fields;
  }

  /** Alice, of sales, serves the web chat s-1. */
  private OperatorId aliceServes() {
    f.group(SALES);
    OperatorId alice = f.online("alice", SALES, Channel.WEB_CHAT);
    f.serve("s-1", SALES, alice);
    return alice;
  }

  @Test
  @DisplayName("a client refused because nobody was online fills the form in once; it is told with its text")
  void formOnce() {
    f.group(SALES);
    f.operator("alice", SALES, Channel.WEB_CHAT);
    Event.SessionRefused refused = CoreFixture.one(f.chat("s-1", SALES), Event.SessionRefused.class);
    assertThat(refused.offlineForm()).isTrue();

    Event.OfflineFormSubmitted filled = CoreFixture.one(
        f.apply(new Command.SubmitOfflineForm(sid("s-1"), form())), Event.OfflineFormSubmitted.class);

    assertThat(filled.actor()).isEqualTo(Actor.CLIENT);
    assertThat(filled.state()).isEqualTo(SessionState.REFUSED);
    assertThat(filled.entry().group()).contains(SALES);
    assertThat(filled.text()).isEqualTo("name: Jana\nemail: jana@example.cz\n\nPlease call me back");
    f.rejects(new Command.SubmitOfflineForm(sid("s-1"), form()), NoSuchSessionException.class);
  }

  @Test
  @DisplayName("a session refused for another reason has no form to fill in")
  void onlyNobodyOnline() {
    f.group(SALES);
    f.apply(new Command.Block(new dev.parley.core.ClientRef(Channel.WEB_CHAT, "v-1"), Actor.admin("root"), "spam"));
    f.arrive("s-1", CoreFixture.entry(Channel.WEB_CHAT, SALES, "v-1"));

    f.rejects(new Command.SubmitOfflineForm(sid("s-1"), form()), NoSuchSessionException.class);
  }

  @Test
  @DisplayName("the transcript is asked for by its operator while active, by the client after the end, each told with the address")
  void transcript() {
    OperatorId alice = aliceServes();

    Event.TranscriptRequested byOperator = CoreFixture.one(
        f.apply(new Command.SendTranscript(sid("s-1"), Actor.operator(alice), "jana@example.cz")),
        Event.TranscriptRequested.class);
    f.end("s-1", Actor.operator(alice));
    Event.TranscriptRequested byClient = CoreFixture.one(
        f.apply(new Command.SendTranscript(sid("s-1"), Actor.CLIENT, "jana@example.cz")),
        Event.TranscriptRequested.class);

    assertThat(byOperator.state()).isEqualTo(SessionState.ACTIVE);
    assertThat(byOperator.to()).isEqualTo("jana@example.cz");
    assertThat(byClient.state()).isEqualTo(SessionState.WRAP_UP);
    assertThat(byClient.actor()).isEqualTo(Actor.CLIENT);
  }

  @Test
  @DisplayName("a transcript of a session nobody served is refused and tells nothing")
  void notServed() {
    f.group(SALES);
    f.online("alice", SALES, Channel.WEB_CHAT);
    f.chat("s-1", SALES);

    f.rejects(new Command.SendTranscript(sid("s-1"), Actor.admin("root"), "jana@example.cz"),
        IllegalTransitionException.class);
    assertThat(f.state("s-1")).isEqualTo(SessionState.OFFERED);
  }

  @Test
  @DisplayName("a transcript of a session redirected back to a queue waits for its next operator")
  void notWhileRequeued() {
    OperatorId alice = aliceServes();
    f.apply(new Command.SetStatus(alice, dev.parley.core.OperatorStatus.away("lunch")));
    f.apply(dev.parley.core.Command.Redirect.toGroup(sid("s-1"), Actor.operator(alice), SALES, null));

    f.rejects(new Command.SendTranscript(sid("s-1"), Actor.CLIENT, "jana@example.cz"), IllegalTransitionException.class);
  }

  @Test
  @DisplayName("bad addresses and empty forms are argument mistakes named in the message")
  void badArguments() {
    for (String to : List.of("", "jana", "@example.cz", "jana@", "ja na@example.cz", "a@b@c")) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Command.SendTranscript(sid("s"), Actor.CLIENT, to))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"" + to + "\"");
    }
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Command.SubmitOfflineForm(sid("s"), Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no fields");
  }
}
