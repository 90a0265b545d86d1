package dev.parley.chatbots;

import static java.util.Objects.requireNonNull;

import dev.parley.core.Actor;
import dev.parley.core.ChatbotId;
import dev.parley.core.ChatbotSpec;
import dev.parley.core.Command;
import dev.parley.core.Parley;
import dev.parley.core.ParleyException;
import dev.parley.core.SessionId;
import dev.parley.core.SessionState;
import dev.parley.core.TenantId;
import dev.parley.core.event.Event;
import dev.parley.core.event.EventListener;
import dev.parley.core.routing.SessionView;
import dev.parley.webhooks.WebhookSignature;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Talks to the tenants' chatbots: each session a group gives its {@linkplain
 * dev.parley.core.GroupSpec#chatbot() chatbot} is opened at the bot, each message of the client
 * is sent on to it, and what the bot answers goes back into the engine as its messages, its
 * hand-off or its end.
 *
 * <pre>{@code
 * Parley parley = Parley.builder().storage(storage).build();
 * Chatbots chatbots = Chatbots.builder(parley).build();              // listens from now on
 * Tenant acme = parley.tenant(TenantId.of("acme"));
 * acme.defineChatbot(ChatbotSpec.builder(ChatbotId.of("faq"), URI.create("https://bots.example.com/faq"))
 *     .secret(secret).replyTimeout(Duration.ofSeconds(8)).build());
 * acme.defineGroup(GroupSpec.builder(GroupId.of("sales")).chatbot(ChatbotId.of("faq")).build());
 * }</pre>
 *
 * <h2>What a bot gets, and answers</h2>
 *
 * One POST per turn, in order per session (the next turn of a session is sent once the bot
 * answered the last one): the session's opening (who the client is, how he came), then each
 * message of the client, as JSON (see the module's README), with the headers {@code Parley-Turn-Id}, {@code Parley-Session}, {@code
 * Parley-Chatbot}, {@code Parley-Timestamp} (Unix seconds) and {@code Parley-Signature: t=<ts>,
 * v1=<hex HMAC-SHA256(secret, ts + "." + body)>}, the webhooks' scheme: check it with {@link
 * WebhookSignature#verify}. The bot answers with a 2xx and a {@link ChatbotAnswer} in the body
 * (replies, then a hand-off or an end), or with an empty 2xx (say 202) and answers later through
 * {@link #answer}.
 *
 * <h2>When the bot fails</h2>
 *
 * A non-2xx status, a redirect, no connection, an unreadable answer or no answer within the bot's
 * {@linkplain ChatbotSpec#replyTimeout() reply time-out} (the HTTP call's time-out too) sends the
 * session to its group's queue ({@link Command.ChatbotFailed}), with a note that says why. The
 * engine also falls back on its own when a turn stays unanswered past the time-out (an
 * asynchronous bot that never calls back, a restart that lost the call). Nothing is retried: the
 * client is waiting.
 *
 * <h2>Threads</h2>
 *
 * Routing never waits for a bot: the engine's listener thread only encodes the turn and hands it
 * to OkHttp's asynchronous dispatcher; answers are applied from OkHttp's threads as ordinary
 * commands. A slow bot costs one call in flight per session with it.
 *
 * <p>Thread safety: safe for use by any number of threads.
 */
public final class Chatbots implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Chatbots.class);
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  /** A session with a chatbot, as far as this side knows: its bot and its last turn in flight. */
  private record Conversation(ChatbotId chatbot, CompletableFuture<?> tail) {}

  private record Key(TenantId tenant, SessionId session) {}

  private final Parley parley;
  private final OkHttpClient client;
  private final boolean ownsClient;
  private final Clock clock;
  private final EventListener listener = this::onEvent;
  private final ConcurrentMap<Key, Conversation> conversations = new ConcurrentHashMap<>();

  private Chatbots(Builder b) {
    parley = b.parley;
    ownsClient = b.client == null;
    client = b.client != null ? b.client : new OkHttpClient.Builder()
        .connectTimeout(Duration.ofSeconds(5)).followRedirects(false).build();
    clock = b.clock;
  }

  /** Starts configuring the chatbots of {@code parley}'s tenants. */
  public static Builder builder(Parley parley) {
    return new Builder(requireNonNull(parley, "parley"));
  }

  /**
   * Applies an answer of the chatbot that has {@code session}: its replies are posted as the bot's
   * messages, then its action is carried out. It is how an asynchronous bot (one that answered a
   * turn with an empty 2xx) answers later; the bot's own Java code may call it directly too.
   *
   * <pre>{@code
   * chatbots.answer(acme, session, faq, ChatbotAnswer.builder().reply("Found it: it ships today.").build());
   * chatbots.answer(acme, session, faq, ChatbotAnswer.parse(body));         // from the bot's own REST call
   * }</pre>
   *
   * @return the events of the answer's commands, in order; completes exceptionally with the {@link
   *     ParleyException} of the first command refused (say the session is no longer with the bot,
   *     for it fell back), after which the later ones are refused too
   */
  public CompletableFuture<List<Event>> answer(TenantId tenant, SessionId session, ChatbotId chatbot, ChatbotAnswer answer) {
    requireNonNull(tenant, "tenant");
    requireNonNull(session, "session");
    requireNonNull(chatbot, "chatbot");
    requireNonNull(answer, "answer");
    List<CompletableFuture<List<Event>>> steps = new ArrayList<>();
    for (Command c : answer.commands(session, chatbot)) {
      steps.add(parley.submit(tenant, c)); // one tenant's commands are applied in the order submitted
    }
    return CompletableFuture.allOf(steps.toArray(new CompletableFuture<?>[0])).thenApply(done -> {
      List<Event> events = new ArrayList<>();
      steps.forEach(step -> events.addAll(step.join()));
      return events;
    });
  }

  /** Stops sending turns; an own HTTP client's calls in flight are cancelled. Idempotent. */
  @Override
  public void close() {
    parley.removeListener(listener);
    if (ownsClient) {
      client.dispatcher().cancelAll();
      client.dispatcher().executorService().shutdown();
      client.connectionPool().evictAll();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Turns out

  private void onEvent(Event e) {
    if (e instanceof Event.SessionToChatbot) {
      Event.SessionToChatbot s = (Event.SessionToChatbot) e;
      send(Turn.opening(s));
    } else if (e instanceof Event.MessagePosted && e.actor().kind() == Actor.Kind.CLIENT
        && ((Event.MessagePosted) e).state() == SessionState.CHATBOT) {
      Event.MessagePosted m = (Event.MessagePosted) e;
      Conversation c = conversations.get(new Key(m.tenant(), m.session()));
      if (c != null) {
        send(Turn.message(m, c.chatbot()));
      } else { // after a restart: the engine knows the bot; asked without waiting (this is the delivery thread)
        parley.session(m.tenant(), m.session()).thenAccept(view -> view.filter(v -> v.state() == SessionState.CHATBOT)
            .map(SessionView::chatbot).ifPresent(bot -> send(Turn.message(m, bot))));
      }
    } else if (e instanceof Event.SessionEvent && ((Event.SessionEvent) e).state() != SessionState.CHATBOT) {
      Event.SessionEvent s = (Event.SessionEvent) e;
      conversations.remove(new Key(s.tenant(), s.session())); // it left its bot
    }
  }

  /**
   * Sends the turn once the session's previous turn is answered, on OkHttp's threads: never on the
   * caller's (the engine's listener thread), and never inside the map's update.
   */
  private void send(Turn turn) {
    conversations.compute(new Key(turn.tenant(), turn.session()), (key, was) -> {
      CompletableFuture<?> previous = was == null ? CompletableFuture.completedFuture(null) : was.tail();
      CompletableFuture<?> next = previous.handle((x, failure) -> null)
          .thenComposeAsync(x -> exchange(turn), client.dispatcher().executorService());
      return new Conversation(turn.chatbot(), next);
    });
  }

  /** POSTs one turn and applies what comes back; completes once the answer's commands are applied. */
  private CompletableFuture<List<Event>> exchange(Turn turn) {
    return parley.snapshotAsync(turn.tenant()).thenCompose(snapshot -> exchange(turn, snapshot.chatbot(turn.chatbot())));
  }

  private CompletableFuture<List<Event>> exchange(Turn turn, Optional<ChatbotSpec> found) {
    if (found.isEmpty()) {
      return fail(turn, "is not defined any more");
    }
    ChatbotSpec bot = found.get();
    long timestamp = clock.instant().getEpochSecond();
    Request request = new Request.Builder()
        .url(bot.endpoint().toString())
        .header("User-Agent", "Parley-Chatbots")
        .header("Parley-Turn-Id", turn.id())
        .header("Parley-Session", turn.session().value())
        .header("Parley-Chatbot", bot.id().value())
        .header("Parley-Timestamp", Long.toString(timestamp))
        .header("Parley-Signature", WebhookSignature.header(bot.secret(), timestamp, turn.body()))
        .post(RequestBody.create(turn.body(), JSON))
        .build();
    CompletableFuture<ChatbotAnswer> answered = new CompletableFuture<>();
    log.trace("chatbot {} of tenant {}: sending turn {}", bot.id(), turn.tenant(), turn.id());
    client.newBuilder().callTimeout(bot.replyTimeout()).build().newCall(request).enqueue(new Callback() {
      @Override
      public void onFailure(Call call, IOException e) {
        answered.completeExceptionally(new BotFailure(e instanceof InterruptedIOException
            ? "did not answer within " + bot.replyTimeout() : "could not be reached: " + e));
      }

      @Override
      public void onResponse(Call call, Response response) {
        try (response) {
          if (response.code() < 200 || response.code() > 299) {
            throw new BotFailure("answered HTTP " + response.code());
          }
          answered.complete(ChatbotAnswer.parse(read(response.body())));
        } catch (BotFailure e) {
          answered.completeExceptionally(e);
        } catch (MalformedAnswerException e) {
          answered.completeExceptionally(new BotFailure("answered what cannot be read: " + e.getMessage()));
        } catch (IOException e) {
          answered.completeExceptionally(new BotFailure("broke off its answer: " + e));
        }
      }
    });
    return answered.thenCompose(answer -> answer(turn.tenant(), turn.session(), turn.chatbot(), answer))
        .exceptionallyCompose(e -> {
          Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
          if (cause instanceof BotFailure) {
            return fail(turn, cause.getMessage());
          }
          log.debug("chatbot {} of tenant {}: the answer to turn {} was refused: {}", turn.chatbot(), turn.tenant(),
              turn.id(), cause.toString()); // the session left the bot meanwhile: nothing to do
          return CompletableFuture.completedFuture(List.of());
        });
  }

  /** Sends the session to its group's queue because its bot failed; a session that left the bot stays put. */
  private CompletableFuture<List<Event>> fail(Turn turn, String reason) {
    log.debug("chatbot {} of tenant {} failed on turn {}: {}", turn.chatbot(), turn.tenant(), turn.id(), reason);
    return parley.submit(turn.tenant(), new Command.ChatbotFailed(turn.session(), turn.chatbot(), reason))
        .handle((events, refused) -> refused == null ? events : List.of());
  }

  /** The response body, up to {@link ChatbotAnswer#MAX_BODY_BYTES}. */
  private static byte[] read(ResponseBody body) throws IOException {
    BufferedSource source = body.source();
    if (source.request(ChatbotAnswer.MAX_BODY_BYTES + 1L)) {
      throw new BotFailure("answered with a body larger than " + ChatbotAnswer.MAX_BODY_BYTES + " bytes");
    }
    return source.getBuffer().readByteArray();
  }

  /** Why a bot's turn failed, for the note of the fallback. */
  private static final class BotFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BotFailure(String reason) {
      super(reason, null, false, false);
    }
  }

  /** Configures {@link Chatbots}; each setter checks its argument at once. */
  public static final class Builder {
    private final Parley parley;
    private @Nullable OkHttpClient client;
    private Clock clock = Clock.systemUTC();

    private Builder(Parley parley) {
      this.parley = parley;
    }

    /**
     * The HTTP client to call bots with, for its proxy, TLS or connection pool; default one with a
     * 5 s connect time-out that follows no redirects, closed with the chatbots. Each call's
     * time-out is the bot's reply time-out, whatever the client's.
     */
    public Builder client(OkHttpClient client) {
      this.client = requireNonNull(client, "client");
      return this;
    }

    /** The clock of the signatures' timestamps; default UTC system time. */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /** Builds the chatbots and starts listening to the engine's events. */
    public Chatbots build() {
      Chatbots chatbots = new Chatbots(this);
      parley.addListener(chatbots.listener);
      return chatbots;
    }
  }
}
