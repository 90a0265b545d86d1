package dev.parley.channels;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.parley.core.Actor;
import dev.parley.core.Attachment;
import dev.parley.core.Channel;
import dev.parley.core.ClientRef;
import dev.parley.core.Command;
import dev.parley.core.NoSuchSessionException;
import dev.parley.core.Entry;
import dev.parley.core.GroupId;
import dev.parley.core.OperatorId;
import dev.parley.core.Parley;
import dev.parley.core.SessionId;
import dev.parley.core.TenantId;
import dev.parley.core.channel.CallState;
import dev.parley.core.channel.ChannelAdapter;
import dev.parley.core.channel.ClientMessage;
import dev.parley.core.channel.HttpReply;
import dev.parley.core.channel.InboundItem;
import dev.parley.core.channel.InboundRequest;
import dev.parley.core.channel.InboundResult;
import dev.parley.core.channel.MediaKind;
import dev.parley.core.channel.OutboundMessage;
import dev.parley.core.channel.Outgoing;
import dev.parley.core.channel.SendOutcome;
import dev.parley.core.channel.UnsupportedMessageException;
import dev.parley.core.event.Event;
import dev.parley.core.event.EventListener;
import dev.parley.channels.telephony.TwilioCalls;
import dev.parley.channels.telephony.TwilioVoice;
import dev.parley.core.stats.WaitEstimate;
import dev.parley.storage.ContactRecord;
import dev.parley.storage.MessageRecord;
import dev.parley.storage.SessionRecord;
import dev.parley.storage.Storage;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects a tenant's channel adapters to the engine: what clients send comes in as commands,
 * what operators write goes out through the client's channel, and the channel's receipts come back
 * as delivery states.
 *
 * <pre>{@code
 * ChannelGateway gateway = ChannelGateway.builder(parley, TenantId.of("acme"))
 *     .adapter(WhatsAppAdapter.builder(phoneNumberId, token, appSecret, verifyToken)
 *         .blocked(ChannelGateway.blacklist(parley, TenantId.of("acme"))).build())
 *     .build();
 * // in the webhook handler:
 * HttpReply reply = gateway.receive(Channel.WHATSAPP, request).toCompletableFuture().join();
 * }</pre>
 *
 * <p>Inbound: a client's message goes to his live session, or opens one (continuing his last
 * session when the channel reopens); the engine decides, so two quick messages never open two
 * sessions. A call that rings arrives; a call or chat the client leaves is abandoned (while
 * waiting) or ended. The reply the vendor expects completes only once every item is stored, so a
 * vendor that gets no answer delivers again (the adapter then drops what it saw).
 *
 * <p>Outbound: every message an operator, administrator or the system posts into a session of a
 * channel with an adapter is sent to the client, hero cards and template messages ({@link #post})
 * as the channel renders them; a channel's refusal or failure marks the message
 * {@code FAILED}, and its delivery and read receipts move it forward.
 *
 * <p>Thread safety: safe for use by any number of threads. Inbound calls may come from the
 * transport's threads; outbound sends start on the engine's event executor and never block it.
 */
public final class ChannelGateway implements EventListener {
  private static final Logger log = LoggerFactory.getLogger(ChannelGateway.class);

  private final Parley parley;
  private final TenantId tenant;
  private final Map<Channel, ChannelAdapter> adapters;
  /** Items of batches the adapters could not read, by channel; the map is not changed after construction. */
  private final Map<Channel, LongAdder> skipped = new EnumMap<>(Channel.class);
  private final Clock clock;
  /** Our messages by the channel's id for them, so that receipts find them. */
  private final Cache<String, Sent> sent;
  /** Receipts that came before the answer to their send, by the channel's message id. */
  private final Cache<String, Event.Delivery> early;
  /** Calls by the PBX's call id, while they last. */
  private final Cache<String, SessionId> calls;
  private final QueueUpdates queueUpdates;
  private final @Nullable OutgoingCalls outgoing;

  private record Sent(SessionId session, String messageId) {}

  /** How outgoing calls are placed: through whom, from which number, ringing which line of each operator. */
  private record OutgoingCalls(TwilioCalls calls, String from, Function<OperatorId, Optional<TwilioCalls.Line>> lines) {}

  private ChannelGateway(Builder b) {
    this.parley = b.parley;
    this.tenant = b.tenant;
    this.adapters = new EnumMap<>(b.adapters);
    adapters.keySet().forEach(channel -> skipped.put(channel, new LongAdder()));
    this.clock = b.clock;
    this.sent = Caffeine.newBuilder().expireAfterWrite(b.receiptWindow).maximumSize(1_000_000).build();
    this.early = Caffeine.newBuilder().expireAfterWrite(Duration.ofMinutes(10)).maximumSize(100_000).build();
    this.calls = Caffeine.newBuilder().expireAfterWrite(Duration.ofHours(12)).build();
    this.queueUpdates = new QueueUpdates(parley, tenant, adapters, b.queueUpdates, b.queueText);
    this.outgoing = b.outgoing;
  }

  /** Starts a gateway for one tenant of {@code parley}. */
  public static Builder builder(Parley parley, TenantId tenant) {
    return new Builder(parley, tenant);
  }

  /**
   * The tenant's blacklist as adapters consult it before they keep anything of a client: read
   * from the engine's storage, so it holds across restarts. A person the contact directory knows
   * by several identifiers on one network (WhatsApp's phone number and user id, linked by {@code
   * WhatsAppContacts.stored}) is blocked when any of them is.
   */
  public static Predicate<ClientRef> blacklist(Parley parley, TenantId tenant) {
    requireNonNull(parley, "parley");
    requireNonNull(tenant, "tenant");
    return client -> {
      Storage storage = parley.storage();
      String channel = client.channel().name();
      if (storage.blacklist().find(tenant.value(), channel, client.identifier()).isPresent()) {
        return true;
      }
      String network = channel + ":";
      return storage.contacts().findByIdentity(tenant.value(),
              new ContactRecord.Identity(ContactRecord.Identity.Kind.NETWORK, network + client.identifier()))
          .stream().flatMap(contact -> contact.identities().stream())
          .filter(i -> i.kind() == ContactRecord.Identity.Kind.NETWORK && i.value().startsWith(network))
          .anyMatch(i -> storage.blacklist().find(tenant.value(), channel, i.identifier()).isPresent());
    };
  }

  /**
   * Hands a vendor's request to the channel's adapter and what it carried to the engine.
   *
   * @return the reply to send the vendor, once every item is stored; exceptionally if the engine
   *     could not take an item (answer 500 and the vendor delivers again)
   * @throws dev.parley.core.channel.ChannelException if the adapter refuses the request
   *     (forged, malformed, too large): answer its {@code httpStatus()}; nothing was done
   * @throws IllegalArgumentException if no adapter serves {@code channel}
   */
  public CompletionStage<HttpReply> receive(Channel channel, InboundRequest request) {
    ChannelAdapter adapter = adapter(channel);
    InboundResult result = adapter.receive(requireNonNull(request, "request"));
    if (!(result instanceof InboundResult.Delivery)) {
      return CompletableFuture.completedFuture(result.reply());
    }
    InboundResult.Delivery delivery = (InboundResult.Delivery) result;
    skipped.get(channel).add(delivery.skipped().size());
    List<CompletableFuture<?>> applied = new ArrayList<>();
    for (InboundItem item : delivery.items()) {
      applied.add(apply(item));
    }
    return CompletableFuture.allOf(applied.toArray(new CompletableFuture<?>[0])).thenApply(done -> result.reply());
  }

  /**
   * How many items of delivered batches the channel's adapter could not read and skipped since the
   * gateway was built (each is also logged at {@code warn} with the vendor's id): a counter to
   * export as a metric, e.g. with Micrometer's {@code FunctionCounter}.
   *
   * @throws IllegalArgumentException if no adapter serves {@code channel}
   */
  public long skippedItems(Channel channel) {
    adapter(channel);
    return skipped.get(channel).sum();
  }

  /**
   * "Contact client": continues a client's ended session of a messaging network as a new, linked
   * one that is the operator's at once ({@link Command.Outreach}). Within the channel's messaging
   * window, counted from the client's last message, the operator then writes freely; outside it
   * the session opens only with a {@code template} (WhatsApp's template messages), which is sent to
   * the client at once and noted on the session.
   *
   * @param template the message that opens the conversation outside the window, or null
   * @return the new session's id, once the session is the operator's (and the template sent)
   * @throws dev.parley.core.channel.OutsideMessagingWindowException if the window is closed and
   *     no template was given, or the channel sends none; nothing was done
   * @throws IllegalArgumentException if there is no such session or no adapter for its channel
   */
  public CompletableFuture<SessionId> contactClient(
      SessionId ended, OperatorId operator, OutboundMessage.@Nullable Template template) {
    SessionRecord session = parley.storage().sessions().find(tenant.value(), ended.value())
        .orElseThrow(() -> new IllegalArgumentException("no session " + ended + " in tenant " + tenant));
    ChannelAdapter adapter = adapter(Channel.valueOf(session.channel()));
    Instant lastHeard = parley.storage().transcripts().transcript(tenant.value(), ended.value()).stream()
        .filter(m -> m.sender() == MessageRecord.Sender.CLIENT).map(MessageRecord::at)
        .reduce((a, b) -> b).orElse(session.arrivedAt());
    Instant now = clock.instant();
    boolean open = adapter.messagingWindow().isOpen(lastHeard, now);
    if (!open) {
      adapter.messagingWindow().check(template == null ? OutboundMessage.Kind.TEXT : OutboundMessage.Kind.TEMPLATE,
          lastHeard, now);
    }
    ClientRef client = new ClientRef(adapter.channel(), session.client().orElseThrow(() -> new IllegalArgumentException(
        "session " + ended + " has no client to contact: it was erased")));
    Entry.Builder entry = Entry.builder(client.channel()).client(client.identifier());
    session.clientName().ifPresent(entry::name);
    session.phone().ifPresent(entry::phone);
    session.group().ifPresent(g -> entry.group(GroupId.of(g)));
    return reach(new Command.Outreach(newSession(), operator, ended, entry.build()), adapter, client,
        open ? null : template);
  }

  /**
   * "+": starts a conversation with a client who has not written (a WhatsApp number), with a
   * template message, as a session that is the operator's at once. The template is sent to the
   * client and noted on the session; the client's answer comes into it.
   *
   * @param group the group the session counts in, or null for none
   * @return the new session's id, once the template is sent
   * @throws IllegalArgumentException if no adapter serves the client's channel
   * @throws dev.parley.core.channel.OutsideMessagingWindowException if the channel sends no
   *     templates (its window allows none outside)
   */
  public CompletableFuture<SessionId> startConversation(
      OperatorId operator, ClientRef client, OutboundMessage.Template template, @Nullable GroupId group) {
    requireNonNull(template, "template");
    ChannelAdapter adapter = adapter(requireNonNull(client, "client").channel());
    adapter.messagingWindow().check(OutboundMessage.Kind.TEMPLATE, null, clock.instant());
    Entry.Builder entry = Entry.builder(client.channel()).client(client.identifier());
    if (group != null) {
      entry.group(group);
    }
    return reach(new Command.Outreach(newSession(), operator, null, entry.build()), adapter, client, template);
  }

  /**
   * "+" for a call: places an outgoing phone call to {@code number} through the telephony
   * channel ({@link Builder#outgoingCalls}), as a {@link Channel#PHONE} session that is the
   * operator's at once: the PBX rings the operator's line first and dials the client when he
   * answers. The call's id is kept as the session's {@code callSid} parameter.
   *
   * @param group the group the session counts in, or null for none
   * @return the new session's id, once the PBX took the call
   * @throws IllegalStateException if the gateway places no calls, or the operator has no line
   */
  public CompletableFuture<SessionId> placeCall(OperatorId operator, String number, @Nullable GroupId group) {
    requireNonNull(operator, "operator");
    requireNonNull(number, "number");
    OutgoingCalls calls = outgoing;
    if (calls == null) {
      throw new IllegalStateException("this gateway places no calls: give its builder outgoingCalls(...)");
    }
    TwilioCalls.Line line = calls.lines().apply(operator).orElseThrow(() -> new IllegalStateException(
        "operator " + operator + " has no phone line to ring; give him one in outgoingCalls(...)"));
    Entry.Builder entry = Entry.builder(Channel.PHONE).client(number).phone(number);
    if (group != null) {
      entry.group(group);
    }
    Command.Outreach outreach = new Command.Outreach(newSession(), operator, null, entry.build());
    Actor by = Actor.operator(operator);
    return parley.submit(tenant, outreach)
        .thenCompose(events -> calls.calls().call(line.address(), calls.from(), TwilioCalls.dial(TwilioCalls.Line.phone(number)))
            .toCompletableFuture())
        .thenCompose(outcome -> outcome instanceof SendOutcome.Sent placed
            ? parley.submit(tenant, new Command.SetParameter(outreach.session(), by, TwilioVoice.CALL_SID, placed.messageId()))
                .thenApply(set -> outreach.session())
            : parley.submit(tenant, new Command.AddNote(outreach.session(), by, "Could not place the call: " + outcome))
                .thenApply(noted -> {
                  throw new MessageNotSentException(outreach.session(), outcome);
                }));
  }

  /** The outreach applied, then the template, if any, sent and noted: the session's id, or why the template failed. */
  private CompletableFuture<SessionId> reach(
      Command.Outreach outreach, ChannelAdapter adapter, ClientRef client, OutboundMessage.@Nullable Template template) {
    CompletableFuture<List<Event>> opened = parley.submit(tenant, outreach);
    if (template == null) {
      return opened.thenApply(events -> outreach.session());
    }
    Actor by = Actor.operator(outreach.operator());
    return opened.thenCompose(events -> adapter.send(Outgoing.of(client, template)).toCompletableFuture())
        .thenCompose(outcome -> {
          boolean sent = outcome instanceof SendOutcome.Sent;
          String note = (sent ? "Sent" : "Could not send") + " the template " + template.name() + " ("
              + template.language() + ")" + (sent ? "" : ": " + outcome);
          return parley.submit(tenant, new Command.AddNote(outreach.session(), by, note)).thenApply(noted -> {
            if (!sent) {
              throw new MessageNotSentException(outreach.session(), outcome);
            }
            return outreach.session();
          });
        });
  }

  /**
   * Posts a hero card or a template message (WhatsApp's, the only kind allowed outside its
   * messaging window) into a session, to be sent through the session's channel instead of text:
   * the engine checks that {@code by} may post there, the transcript keeps the message's text
   * ({@link #transcriptText}), and the channel's adapter sends it (a vendor's refusal marks it
   * {@code FAILED}, as for any message).
   *
   * <pre>{@code
   * gateway.post(session, Actor.operator(alice), "m-1", new OutboundMessage.Template("order_ready", "en_US", List.of("Jana")));
   * }</pre>
   *
   * @return the engine's events; completes exceptionally with {@link UnsupportedMessageException}
   *     when no adapter of this gateway serves the session's channel or it does not carry the
   *     message's kind (nothing was posted), with {@link NoSuchSessionException} when the engine
   *     does not know the session, or as {@link Parley#submit} does
   */
  public CompletableFuture<List<Event>> post(SessionId session, Actor by, String messageId, OutboundMessage rich) {
    requireNonNull(rich, "rich");
    Command.PostMessage post = new Command.PostMessage(session, by, messageId, transcriptText(rich), List.of(), rich);
    return parley.session(tenant, session).thenCompose(view -> {
      Channel channel = view.orElseThrow(() -> new NoSuchSessionException(session)).entry().channel();
      ChannelAdapter adapter = adapters.get(channel);
      if (adapter == null || !adapter.capabilities().outbound().contains(rich.kind())) {
        throw new UnsupportedMessageException(channel, rich.kind());
      }
      return parley.submit(tenant, post);
    });
  }

  /**
   * The text a transcript keeps of a card or a template: a card's title, subtitle, picture and
   * buttons one a line; a template's name, language and parameters.
   */
  public static String transcriptText(OutboundMessage rich) {
    if (rich instanceof OutboundMessage.Card card) {
      StringBuilder text = new StringBuilder(card.title());
      if (!card.subtitle().isBlank()) {
        text.append('\n').append(card.subtitle());
      }
      if (card.imageUrl() != null) {
        text.append('\n').append(card.imageUrl());
      }
      for (OutboundMessage.Button button : card.buttons()) {
        text.append("\n[").append(button.title()).append(']');
        if (button.url() != null) {
          text.append(' ').append(button.url());
        }
      }
      return text.toString();
    }
    if (rich instanceof OutboundMessage.Template template) {
      return "template " + template.name() + " (" + template.language() + ")"
          + (template.parameters().isEmpty() ? "" : ": " + String.join(", ", template.parameters()));
    }
    throw new IllegalArgumentException("a rich message is a card or a template, not " + rich.kind());
  }

  private CompletableFuture<?> apply(InboundItem item) {
    if (item instanceof ClientMessage) {
      ClientMessage m = (ClientMessage) item;
      return parley.submit(tenant, new Command.ClientMessage(newSession(), m.entry(), m.id(), m.text(), attachments(m)));
    }
    if (item instanceof InboundItem.ClientArrived) {
      return parley.submit(tenant, new Command.Arrive(newSession(), ((InboundItem.ClientArrived) item).entry(), null));
    }
    if (item instanceof InboundItem.Receipt) {
      return receipt((InboundItem.Receipt) item);
    }
    if (item instanceof InboundItem.CallEvent) {
      InboundItem.CallEvent call = (InboundItem.CallEvent) item;
      if (call.state() == CallState.RINGING && calls.getIfPresent(call.callId()) == null) {
        SessionId session = newSession();
        calls.put(call.callId(), session);
        return parley.submit(tenant, new Command.Arrive(session, call.entry(), null));
      }
      SessionId session = calls.getIfPresent(call.callId());
      if (call.state().ended() && session != null) {
        calls.invalidate(call.callId());
        return parley.submit(tenant, Command.ClientLeaves.session(session)); // the engine decides, in one step
      }
      return CompletableFuture.completedFuture(null);
    }
    if (item instanceof InboundItem.ClientLeft) {
      return parley.submit(tenant, Command.ClientLeaves.client(item.client()));
    }
    return CompletableFuture.completedFuture(null); // typing: for the transport's consoles, nothing to keep
  }

  private CompletableFuture<?> receipt(InboundItem.Receipt r) {
    Event.Delivery delivery;
    switch (r.status()) {
      case DELIVERED:
        delivery = Event.Delivery.DELIVERED;
        break;
      case READ:
        delivery = Event.Delivery.READ;
        break;
      case FAILED:
        delivery = Event.Delivery.FAILED;
        break;
      default:
        return CompletableFuture.completedFuture(null); // SENT: what we knew when the send returned
    }
    List<CompletableFuture<?>> marks = new ArrayList<>();
    for (String vendorId : r.messageIds()) {
      Sent ours;
      synchronized (early) { // against the send's answer arriving between the two steps
        ours = sent.getIfPresent(vendorId);
        if (ours == null) {
          early.asMap().merge(vendorId, delivery, (a, b) -> a.compareTo(b) >= 0 ? a : b);
        }
      }
      if (ours != null) {
        marks.add(parley.submit(tenant, new Command.Receipt(ours.session(), ours.messageId(), delivery)));
      }
    }
    return CompletableFuture.allOf(marks.toArray(new CompletableFuture<?>[0]));
  }

  /**
   * Tells each waiting client on a channel enabled with {@link Builder#queueUpdates} his place in
   * the queue and expected wait ({@link Parley#estimate}), when his place changed since he was
   * last told; clients whose wait the engine cannot estimate yet are told nothing. Call it every
   * few seconds (a scheduled executor will do): the engine sends no event per waiting client when
   * a queue moves, and one call reads one snapshot for all of them.
   *
   * @return how many clients were told
   */
  public int tellWaitingClients() {
    return queueUpdates.tell();
  }

  /** Sends what operators, administrators and the system post to the client's channel. */
  @Override
  public void onEvent(Event event) {
    if (!(event instanceof Event.MessagePosted) || !event.tenant().equals(tenant)
        || event.actor().kind() == Actor.Kind.CLIENT) {
      return;
    }
    Event.MessagePosted m = (Event.MessagePosted) event;
    Optional<SessionRecord> session = parley.storage().sessions().find(tenant.value(), m.session().value());
    if (session.isEmpty() || session.get().client().isEmpty()) {
      return;
    }
    ChannelAdapter adapter = adapters.get(Channel.valueOf(session.get().channel()));
    if (adapter == null) {
      return;
    }
    ClientRef client = new ClientRef(adapter.channel(), session.get().client().get());
    List<OutboundMessage> parts = new ArrayList<>();
    if (m.rich() != null) {
      parts.add(m.rich());
    } else if (!m.text().isBlank()) {
      parts.add(new OutboundMessage.Text(m.text()));
    }
    for (Attachment a : m.attachments()) {
      parts.add(new OutboundMessage.File(URI.create(a.uri()), MediaKind.FILE, a.name(), ""));
    }
    for (OutboundMessage part : parts) {
      adapter.send(Outgoing.of(client, part)).whenComplete((outcome, failure) -> sentOrFailed(m, outcome, failure));
    }
  }

  private void sentOrFailed(Event.MessagePosted m, @Nullable SendOutcome outcome, @Nullable Throwable failure) {
    if (outcome instanceof SendOutcome.Sent) {
      String vendorId = ((SendOutcome.Sent) outcome).messageId();
      Event.Delivery before;
      synchronized (early) {
        sent.put(vendorId, new Sent(m.session(), m.messageId()));
        before = early.asMap().remove(vendorId);
      }
      if (before != null) {
        parley.submit(tenant, new Command.Receipt(m.session(), m.messageId(), before));
      }
      return;
    }
    log.warn("message {} of session {} was not delivered: {}", m.messageId(), m.session(), failure != null ? failure : outcome);
    parley.submit(tenant, new Command.Receipt(m.session(), m.messageId(), Event.Delivery.FAILED));
  }

  private ChannelAdapter adapter(Channel channel) {
    ChannelAdapter adapter = adapters.get(requireNonNull(channel, "channel"));
    if (adapter == null) {
      throw new IllegalArgumentException("no adapter for " + channel + " in this gateway; add one to its builder");
    }
    return adapter;
  }

  private static List<Attachment> attachments(ClientMessage m) {
    List<Attachment> files = new ArrayList<>(m.attachments().size());
    for (dev.parley.core.channel.Attachment a : m.attachments()) {
      String name = a.fileName() != null ? a.fileName() : a.kind().name().toLowerCase(Locale.ROOT);
      String type = a.mediaType() != null ? a.mediaType() : "application/octet-stream";
      files.add(new Attachment(name, type, 0, a.reference())); // 0: the channel does not tell the size
    }
    return files;
  }

  private static SessionId newSession() {
    return SessionId.of(UUID.randomUUID().toString());
  }

  /**
   * Configures a {@link ChannelGateway}.
   *
   * <p>Thread safety: not thread-safe; use one builder on one thread.
   */
  public static final class Builder {
    private final Parley parley;
    private final TenantId tenant;
    private final Map<Channel, ChannelAdapter> adapters = new EnumMap<>(Channel.class);
    private Clock clock = Clock.systemUTC();
    private Duration receiptWindow = Duration.ofDays(7);
    private final Set<Channel> queueUpdates = EnumSet.noneOf(Channel.class);
    private Function<WaitEstimate, String> queueText = QueueUpdates::english;
    private @Nullable OutgoingCalls outgoing;

    private Builder(Parley parley, TenantId tenant) {
      this.parley = requireNonNull(parley, "parley");
      this.tenant = requireNonNull(tenant, "tenant");
    }

    /**
     * Adds the adapter of a channel.
     *
     * @throws IllegalArgumentException if another adapter serves its channel already
     */
    public Builder adapter(ChannelAdapter adapter) {
      requireNonNull(adapter, "adapter");
      if (adapters.putIfAbsent(adapter.channel(), adapter) != null) {
        throw new IllegalArgumentException("two adapters for " + adapter.channel() + ": one per channel");
      }
      return this;
    }

    /**
     * Lets operators place outgoing calls ({@link ChannelGateway#placeCall}): through {@code calls},
     * from {@code from} (a number of the account), first ringing the operator's line that {@code
     * lines} names. Without it the gateway places no calls.
     */
    public Builder outgoingCalls(TwilioCalls calls, String from, Function<OperatorId, Optional<TwilioCalls.Line>> lines) {
      requireNonNull(from, "from");
      if (from.isBlank()) {
        throw new IllegalArgumentException("outgoing calls need the number they are placed from");
      }
      this.outgoing = new OutgoingCalls(requireNonNull(calls, "calls"), from, requireNonNull(lines, "lines"));
      return this;
    }

    /** The clock messaging windows are checked on; default UTC system time. */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /** How long a sent message waits for its receipts; default 7 days. */
    public Builder receiptWindow(Duration window) {
      requireNonNull(window, "window");
      if (window.isNegative() || window.isZero()) {
        throw new IllegalArgumentException("receipt window must be positive, not " + window);
      }
      this.receiptWindow = window;
      return this;
    }

    /**
     * Channels whose waiting clients {@link ChannelGateway#tellWaitingClients()} tells their
     * place and expected wait; default none. Each is told as a text message, so enable
     * asynchronous channels only where the tenant wants such messages in the conversation.
     */
    public Builder queueUpdates(Channel... channels) {
      for (Channel c : channels) {
        queueUpdates.add(requireNonNull(c, "channel"));
      }
      return this;
    }

    /**
     * The text a waiting client is told; default English, {@code You are number 3 in the queue.
     * Expected wait: about 2 minutes.}
     */
    public Builder queueUpdateText(Function<WaitEstimate, String> text) {
      this.queueText = requireNonNull(text, "text");
      return this;
    }

    /**
     * Builds the gateway and subscribes it to the engine's events.
     *
     * @throws IllegalStateException if no adapter was added
     */
    public ChannelGateway build() {
      if (adapters.isEmpty()) {
        throw new IllegalStateException("a gateway needs at least one adapter");
      }
      ChannelGateway gateway = new ChannelGateway(this);
      parley.addListener(gateway);
      return gateway;
    }
  }
}
