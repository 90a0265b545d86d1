package dev.parley.channels.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.parley.channels.RetryPolicy;
import dev.parley.core.ClientRef;
import dev.parley.core.ManualClock;
import dev.parley.core.channel.BadSignatureException;
import dev.parley.core.channel.BlockedClientException;
import dev.parley.core.channel.ChannelAdapter;
import dev.parley.core.channel.ChannelException;
import dev.parley.core.channel.ClientMessage;
import dev.parley.core.channel.InboundItem;
import dev.parley.core.channel.InboundRequest;
import dev.parley.core.channel.InboundResult;
import dev.parley.core.channel.MalformedPayloadException;
import dev.parley.core.channel.MediaKind;
import dev.parley.core.channel.OutboundMessage;
import dev.parley.core.channel.OutboundMessage.Kind;
import dev.parley.core.channel.Outgoing;
import dev.parley.core.channel.OutsideMessagingWindowException;
import dev.parley.core.channel.PayloadTooLargeException;
import dev.parley.core.channel.SendOutcome;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link ChannelAdapter} must meet: inbound verification, parsing, batches,
 * duplicates, the blacklist, size limits and malformed input; the handshake; outbound retries and
 * refusals against a real HTTP server; the messaging window. See the package doc for how to run it.
 */
public abstract class ChannelAdapterTck {
  /** The instant the kit's clock starts at. */
  protected static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  /** The deduplication window the adapter is built with. */
  protected static final Duration WINDOW = Duration.ofHours(1);

  /** The kit's clock; move it to expire remembered ids. */
  protected ManualClock clock;
  /** The kit's blacklist. */
  protected final Set<ClientRef> blocked = ConcurrentHashMap.newKeySet();
  /** The server standing in for the vendor's API. */
  protected MockWebServer server;
  /** The adapter under test. */
  protected ChannelAdapter adapter;

  /** Builds the adapter under test from everything in {@code context}. */
  protected abstract ChannelAdapter createAdapter(AdapterContext context);

  /** The request the vendor would send to deliver {@code items}, correctly signed. */
  protected abstract InboundRequest deliver(List<Item> items);

  /** A request with this raw body, signed correctly where the scheme signs the raw bytes. */
  protected abstract InboundRequest signed(byte[] body);

  /** A request delivering {@code item} whose signature or shared secret is wrong. */
  protected InboundRequest forged(Item item) {
    throw new UnsupportedOperationException("an adapter that verifies signatures must override forged()");
  }

  /** The vendor's handshake request, with the right verify token or a wrong one. */
  protected InboundRequest handshake(boolean rightToken) {
    throw new UnsupportedOperationException("an adapter that answers handshakes must override handshake()");
  }

  /** The body the handshake must be answered with. */
  protected String handshakeReply() {
    throw new UnsupportedOperationException("an adapter that answers handshakes must override handshakeReply()");
  }

  /**
   * The request delivering {@code items} (correctly signed) in which the item at {@code
   * unreadable} cannot be read: its sender left out, as a vendor's new kind of sender would look.
   * Required when {@link #deliversBatches()}.
   */
  protected InboundRequest deliverWithUnreadable(List<Item> items, int unreadable) {
    throw new UnsupportedOperationException("an adapter that receives batches must override deliverWithUnreadable()");
  }

  /** Whether one request can deliver several items. */
  protected boolean deliversBatches() {
    return true;
  }

  /** Whether items carry the client's text (false for telephony). */
  protected boolean itemsCarryText() {
    return true;
  }

  /** Whether a blocked client fails the request (interactive channels) rather than being dropped. */
  protected boolean refusesBlockedClients() {
    return false;
  }

  /** Whether the adapter sends over the vendor's HTTP API (the outbound tests need it). */
  protected boolean sendsOverHttp() {
    return true;
  }

  /** The vendor API's answer to an accepted message whose id is {@code messageId}. */
  protected String acceptedResponse(String messageId) {
    return "{}";
  }

  /** The client's identifier on the channel for the kit's {@code sender} (e-mail: an address). */
  protected String identifier(String sender) {
    return sender;
  }

  /** The recipient for outbound tests: any identifier valid on the channel. */
  protected String recipient() {
    return "12345";
  }

  @BeforeEach
  final void createAdapterUnderTest() throws Exception {
    clock = new ManualClock(T0);
    server = new MockWebServer();
    server.start(0);
    RetryPolicy fast = new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(20), 2.0, Duration.ofSeconds(1));
    adapter = createAdapter(new AdapterContext(clock, blocked::contains, WINDOW, server.url("/").toString(), fast,
        o -> java.util.concurrent.CompletableFuture.completedFuture(new SendOutcome.Sent("t-1", 1))));
  }

  @AfterEach
  final void stopServer() {
    server.close();
  }

  private ClientRef client(String sender) {
    return new ClientRef(adapter.channel(), identifier(sender));
  }

  private static Item item(String id, String sender) {
    return new Item(id, sender, "Hello-" + id);
  }

  @Nested
  @DisplayName("capabilities")
  class Capabilities {
    @Test
    @DisplayName("agree with the channel's nature")
    void agreeWithChannel() {
      var caps = adapter.capabilities();

      assertThat(caps.asynchronous()).isEqualTo(adapter.channel().asynchronous());
      assertThat(!caps.reopenable() || adapter.channel().reopenable()).isTrue();
      assertThat(adapter.messagingWindow()).isEqualTo(caps.messagingWindow());
    }

    @Test
    @DisplayName("a messaging window closes some time after the client's message")
    void windowCloses() {
      var window = adapter.messagingWindow();
      assumeTrue(window.length() != null, "the channel has no messaging window");

      assertThat(window.isOpen(T0, T0)).isTrue();
      Instant late = T0.plus(window.length()).plusSeconds(1);
      assertThat(window.isOpen(T0, late)).isFalse();
      assertThatThrownBy(() -> window.check(Kind.TEXT, T0, late)).isInstanceOf(OutsideMessagingWindowException.class);
    }
  }

  @Nested
  @DisplayName("inbound")
  class Inbound {
    @Test
    @DisplayName("a delivered item reaches the engine with the vendor's id and its sender")
    void oneItem() {
      InboundResult result = adapter.receive(deliver(List.of(item("m-1", "1001"))));

      assertThat(result).isInstanceOf(InboundResult.Delivery.class);
      List<InboundItem> items = ((InboundResult.Delivery) result).items();
      assertThat(items).hasSize(1);
      assertThat(items.get(0).id()).contains("m-1");
      assertThat(items.get(0).client()).isEqualTo(client("1001"));
      if (itemsCarryText()) {
        assertThat(items.get(0)).isInstanceOfSatisfying(ClientMessage.class, m -> assertThat(m.text()).isEqualTo("Hello-m-1"));
      }
    }

    @Test
    @DisplayName("a batch gives all its items, in order")
    void batch() {
      assumeTrue(deliversBatches(), "the vendor delivers one item per request");

      var delivery = (InboundResult.Delivery) adapter.receive(deliver(List.of(item("m-1", "1001"), item("m-2", "1002"))));

      assertThat(delivery.items()).extracting(InboundItem::client).containsExactly(client("1001"), client("1002"));
    }

    @Test
    @DisplayName("an unreadable item of a batch is skipped and named, and the others reach the engine")
    void unreadableInBatch() {
      assumeTrue(deliversBatches(), "the vendor delivers one item per request");
      List<Item> items = List.of(item("m-1", "1001"), item("m-2", "1002"), item("m-3", "1003"));

      var delivery = (InboundResult.Delivery) adapter.receive(deliverWithUnreadable(items, 1));

      assertThat(delivery.items()).extracting(InboundItem::client).containsExactly(client("1001"), client("1003"));
      assertThat(delivery.skipped()).singleElement().satisfies(s -> {
        assertThat(s.vendorId()).contains("m-2");
        assertThat(s.reason()).isNotBlank();
      });
      assertThat(delivery.reply().status()).isEqualTo(200);
    }

    @Test
    @DisplayName("the same item delivered twice reaches the engine once")
    void duplicate() {
      adapter.receive(deliver(List.of(item("m-1", "1001"))));

      var again = (InboundResult.Delivery) adapter.receive(deliver(List.of(item("m-1", "1001"))));

      assertThat(again.items()).isEmpty();
      assertThat(again.duplicates()).hasSize(1).allSatisfy(id -> assertThat(id).contains("m-1"));
    }

    @Test
    @DisplayName("an id is forgotten once the deduplication window has passed")
    void forgotten() {
      adapter.receive(deliver(List.of(item("m-1", "1001"))));
      clock.advance(WINDOW.plusSeconds(1));

      var later = (InboundResult.Delivery) adapter.receive(deliver(List.of(item("m-1", "1001"))));

      assertThat(later.items()).hasSize(1);
    }

    @Test
    @DisplayName("a blocked client's item is refused before anything about it is kept")
    void blockedClient() {
      blocked.add(client("666"));

      if (refusesBlockedClients()) {
        assertThatThrownBy(() -> adapter.receive(deliver(List.of(item("m-1", "666")))))
            .isInstanceOf(BlockedClientException.class);
      } else {
        var delivery = (InboundResult.Delivery) adapter.receive(deliver(List.of(item("m-1", "666"))));
        assertThat(delivery.items()).isEmpty();
        assertThat(delivery.blocked()).containsExactly(client("666"));
      }
      blocked.clear();
      var afterUnblock = (InboundResult.Delivery) adapter.receive(deliver(List.of(item("m-1", "666"))));
      assertThat(afterUnblock.items()).as("the refused id was not remembered").hasSize(1);
    }

    @Test
    @DisplayName("in a batch only the blocked client's items are dropped")
    void blockedInBatch() {
      assumeTrue(deliversBatches() && !refusesBlockedClients(), "no batches, or blocked clients fail the request");
      blocked.add(client("666"));

      var delivery = (InboundResult.Delivery) adapter.receive(deliver(List.of(item("m-1", "666"), item("m-2", "1002"))));

      assertThat(delivery.items()).extracting(InboundItem::client).containsExactly(client("1002"));
    }

    @Test
    @DisplayName("a body over the size limit is refused unread")
    void tooLarge() {
      byte[] huge = new byte[adapter.capabilities().maxInboundBytes() + 1];

      assertThatThrownBy(() -> adapter.receive(signed(huge))).isInstanceOf(PayloadTooLargeException.class);
    }

    @Test
    @DisplayName("a body that is not the vendor's format is malformed")
    void malformed() {
      assertThatThrownBy(() -> adapter.receive(signed("{\"not\": [\"the vendor's\"".getBytes())))
          .isInstanceOf(MalformedPayloadException.class);
    }

    @Test
    @DisplayName("random and mutilated bodies give a result or a typed refusal, nothing else")
    void mutilated() {
      byte[] valid = deliver(List.of(item("m-1", "1001"))).body();
      Random random = new Random(42);
      for (int i = 0; i < 300; i++) {
        byte[] body = valid.clone();
        for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
          body[random.nextInt(body.length)] = (byte) random.nextInt(256);
        }
        if (i % 3 == 0) {
          body = java.util.Arrays.copyOf(body, random.nextInt(body.length));
        }
        InboundRequest request = signed(body);
        Throwable t = catchThrowable(() -> adapter.receive(request));
        assertThat(t).as("body %s", new String(body)).satisfiesAnyOf(
            x -> assertThat(x).isNull(), x -> assertThat(x).isInstanceOf(ChannelException.class));
      }
    }
  }

  @Nested
  @DisplayName("signature")
  class Signature {
    @BeforeEach
    void onlyIfVerified() {
      assumeTrue(adapter.capabilities().verifiesSignature(), "the adapter verifies no signature");
    }

    @Test
    @DisplayName("a forged request is refused and leaves no trace")
    void forgedRefused() {
      assertThatThrownBy(() -> adapter.receive(forged(item("m-1", "1001")))).isInstanceOf(BadSignatureException.class);

      var genuine = (InboundResult.Delivery) adapter.receive(deliver(List.of(item("m-1", "1001"))));
      assertThat(genuine.items()).as("the forged id was not remembered").hasSize(1);
    }
  }

  @Nested
  @DisplayName("handshake")
  class Handshake {
    @BeforeEach
    void onlyIfAnswered() {
      assumeTrue(adapter.capabilities().answersHandshake(), "the adapter answers no handshake");
    }

    @Test
    @DisplayName("the vendor's verification is answered as it expects")
    void answered() {
      InboundResult result = adapter.receive(handshake(true));

      assertThat(result).isInstanceOf(InboundResult.Handshake.class);
      assertThat(result.reply().status()).isEqualTo(200);
      assertThat(result.reply().body()).isEqualTo(handshakeReply());
    }

    @Test
    @DisplayName("a verification with the wrong token is refused")
    void wrongToken() {
      assertThatThrownBy(() -> adapter.receive(handshake(false))).isInstanceOf(BadSignatureException.class);
    }
  }

  @Nested
  @DisplayName("outbound")
  class Outbound {
    @BeforeEach
    void onlyOverHttp() {
      assumeTrue(sendsOverHttp(), "the adapter does not call a vendor API");
    }

    private SendOutcome send(OutboundMessage message) throws Exception {
      return adapter.send(Outgoing.of(client(recipient()), message)).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private MockResponse status(int code) {
      return new MockResponse.Builder().code(code).body("{\"error\":{\"message\":\"test\",\"code\":1}}").build();
    }

    private MockResponse accepted() {
      return new MockResponse.Builder().code(200).body(acceptedResponse("vendor-42")).build();
    }

    @Test
    @DisplayName("a text goes out in one call and comes back with the vendor's id")
    void text() throws Exception {
      server.enqueue(accepted());

      SendOutcome outcome = send(new OutboundMessage.Text("Hello-from-Parley"));

      assertThat(outcome).isEqualTo(new SendOutcome.Sent("vendor-42", 1));
      RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
      assertThat(request.getMethod()).isEqualTo("POST");
      assertThat(request.getBody().utf8()).contains("Hello-from-Parley").contains(recipient());
    }

    @Test
    @DisplayName("a 429 is retried, and the retry succeeds")
    void tooManyRequests() throws Exception {
      server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "0").build());
      server.enqueue(accepted());

      assertThat(send(new OutboundMessage.Text("Hi"))).isEqualTo(new SendOutcome.Sent("vendor-42", 2));
      assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    @DisplayName("the retry waits as long as Retry-After asks")
    void retryAfter() throws Exception {
      server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "1").build());
      server.enqueue(accepted());
      long start = System.nanoTime();

      assertThat(send(new OutboundMessage.Text("Hi"))).isEqualTo(new SendOutcome.Sent("vendor-42", 2));
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    @DisplayName("a 500 is retried after a back-off")
    void serverError() throws Exception {
      server.enqueue(status(500));
      server.enqueue(accepted());

      assertThat(send(new OutboundMessage.Text("Hi"))).isEqualTo(new SendOutcome.Sent("vendor-42", 2));
    }

    @Test
    @DisplayName("a 400 is refused at once, without a retry")
    void badRequest() throws Exception {
      server.enqueue(status(400));
      server.enqueue(accepted());

      assertThat(send(new OutboundMessage.Text("Hi"))).isInstanceOfSatisfying(SendOutcome.Rejected.class,
          r -> assertThat(r.status()).isEqualTo(400));
      assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    @DisplayName("a vendor that keeps answering 429 gets the retry budget and no more")
    void budget() throws Exception {
      for (int i = 0; i < 4; i++) {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "0").build());
      }

      assertThat(send(new OutboundMessage.Text("Hi"))).isInstanceOfSatisfying(SendOutcome.Failed.class,
          f -> assertThat(f.attempts()).isEqualTo(3));
      assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    @DisplayName("a Retry-After beyond what the policy allows ends the retries")
    void retryAfterTooLong() throws Exception {
      server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "3600").build());

      assertThat(send(new OutboundMessage.Text("Hi"))).isInstanceOf(SendOutcome.Failed.class);
      assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    @DisplayName("kinds the channel does not carry are unsupported and call nobody")
    void unsupported() throws Exception {
      for (Kind kind : Kind.values()) {
        if (!adapter.capabilities().outbound().contains(kind)) {
          assertThat(send(sample(kind))).isEqualTo(new SendOutcome.Unsupported(kind));
        }
      }
      assertThat(server.getRequestCount()).isZero();
    }

    @Test
    @DisplayName("a text longer than the channel takes is refused without a call")
    void tooLong() throws Exception {
      String text = "x".repeat(adapter.capabilities().maxTextLength() + 1);

      assertThat(send(new OutboundMessage.Text(text))).isInstanceOf(SendOutcome.Rejected.class);
      assertThat(server.getRequestCount()).isZero();
    }
  }

  /** A message of each kind, for the tests that go through all of them. */
  protected static OutboundMessage sample(Kind kind) {
    return switch (kind) {
      case TEXT -> new OutboundMessage.Text("Hello");
      case FILE -> new OutboundMessage.File(URI.create("https://cdn.example/a.pdf"), MediaKind.FILE, "a.pdf", "");
      case CARD -> new OutboundMessage.Card("Blue shirt", "In stock", URI.create("https://cdn.example/s.png"),
          List.of(new OutboundMessage.Button("Buy", "buy-1", null)));
      case TEMPLATE -> new OutboundMessage.Template("order_update", "en_US", List.of("42"));
      case TYPING -> new OutboundMessage.Typing(true);
      case TRANSCRIPT -> new OutboundMessage.Transcript(List.of(new OutboundMessage.Transcript.Line(T0, "Jana", "Hi")));
    };
  }
}
