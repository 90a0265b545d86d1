package dev.parley.core.channel;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What a channel adapter can do, so that the engine and the operator console offer only what works:
 * whether its sessions are asynchronous and reopenable, which media clients can send, which kinds of
 * message it can send, its size limits, whether it verifies signatures and answers a handshake, and
 * its messaging window.
 *
 * <pre>{@code
 * ChannelCapabilities caps = ChannelCapabilities.builder()
 *     .asynchronous(true).reopenable(true)
 *     .inboundMedia(MediaKind.IMAGE, MediaKind.FILE)
 *     .outbound(Kind.TEXT, Kind.FILE, Kind.TEMPLATE)
 *     .maxTextLength(4096).maxInboundBytes(3 << 20)
 *     .verifiesSignature(true).answersHandshake(true)
 *     .messagingWindow(MessagingWindow.of(Duration.ofHours(24), Kind.TEMPLATE))
 *     .build();
 * }</pre>
 *
 * <p>Thread safety: immutable.
 */
public final class ChannelCapabilities {
  private final boolean asynchronous;
  private final boolean reopenable;
  private final Set<MediaKind> inboundMedia;
  private final Set<OutboundMessage.Kind> outbound;
  private final int maxTextLength;
  private final int maxInboundBytes;
  private final boolean verifiesSignature;
  private final boolean answersHandshake;
  private final MessagingWindow messagingWindow;

  private ChannelCapabilities(Builder b) {
    asynchronous = b.asynchronous;
    reopenable = b.reopenable;
    inboundMedia = Set.copyOf(b.inboundMedia);
    outbound = Set.copyOf(b.outbound);
    maxTextLength = b.maxTextLength;
    maxInboundBytes = b.maxInboundBytes;
    verifiesSignature = b.verifiesSignature;
    answersHandshake = b.answersHandshake;
    messagingWindow = b.messagingWindow;
  }

  /** Starts with a synchronous channel that carries nothing. */
  public static Builder builder() {
    return new Builder();
  }

  /** Whether the client need not be present (messaging networks, e-mail). */
  public boolean asynchronous() {
    return asynchronous;
  }

  /** Whether an ended conversation can be continued as a new, linked session. */
  public boolean reopenable() {
    return reopenable;
  }

  /** The kinds of file clients can send. */
  public Set<MediaKind> inboundMedia() {
    return inboundMedia;
  }

  /** The kinds of message the adapter can send; others get {@link SendOutcome.Unsupported}. */
  public Set<OutboundMessage.Kind> outbound() {
    return outbound;
  }

  /** The longest text, in characters, the vendor accepts in one message. */
  public int maxTextLength() {
    return maxTextLength;
  }

  /** The largest request body accepted, in bytes; larger ones get {@link PayloadTooLargeException}. */
  public int maxInboundBytes() {
    return maxInboundBytes;
  }

  /** Whether inbound requests are proven to come from the vendor (a signature or shared secret). */
  public boolean verifiesSignature() {
    return verifiesSignature;
  }

  /** Whether the vendor checks the endpoint with a handshake the adapter answers. */
  public boolean answersHandshake() {
    return answersHandshake;
  }

  /** When free-form messages may be sent. */
  public MessagingWindow messagingWindow() {
    return messagingWindow;
  }

  /** Builds {@link ChannelCapabilities}; each setter checks its argument at once. */
  public static final class Builder {
    private boolean asynchronous;
    private boolean reopenable;
    private final Set<MediaKind> inboundMedia = EnumSet.noneOf(MediaKind.class);
    private final Set<OutboundMessage.Kind> outbound = EnumSet.noneOf(OutboundMessage.Kind.class);
    private int maxTextLength = 4_096;
    private int maxInboundBytes = 1 << 20;
    private boolean verifiesSignature;
    private boolean answersHandshake;
    private MessagingWindow messagingWindow = MessagingWindow.NONE;

    private Builder() {}

    /** Whether the client need not be present. */
    public Builder asynchronous(boolean asynchronous) {
      this.asynchronous = asynchronous;
      return this;
    }

    /** Whether ended conversations can be reopened. */
    public Builder reopenable(boolean reopenable) {
      this.reopenable = reopenable;
      return this;
    }

    /** The kinds of file clients can send. */
    public Builder inboundMedia(MediaKind... kinds) {
      inboundMedia.addAll(Set.of(kinds));
      return this;
    }

    /** The kinds of message the adapter sends. */
    public Builder outbound(OutboundMessage.Kind... kinds) {
      outbound.addAll(Set.of(kinds));
      return this;
    }

    /** The longest text in one message, at least 1. */
    public Builder maxTextLength(int chars) {
      if (chars < 1) {
        throw new IllegalArgumentException("maxTextLength must be at least 1, not " + chars);
      }
      this.maxTextLength = chars;
      return this;
    }

    /** The largest request body, at least 1 byte. */
    public Builder maxInboundBytes(int bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("maxInboundBytes must be at least 1, not " + bytes);
      }
      this.maxInboundBytes = bytes;
      return this;
    }

    /** Whether inbound requests are verified. */
    public Builder verifiesSignature(boolean verifies) {
      this.verifiesSignature = verifies;
      return this;
    }

    /** Whether a handshake is answered. */
    public Builder answersHandshake(boolean answers) {
      this.answersHandshake = answers;
      return this;
    }

    /** The messaging window. */
    public Builder messagingWindow(MessagingWindow window) {
      this.messagingWindow = Objects.requireNonNull(window, "window");
      return this;
    }

    /** Builds the capabilities; a reopenable channel must be asynchronous. */
    public ChannelCapabilities build() {
      if (reopenable && !asynchronous) {
        throw new IllegalStateException("only an asynchronous channel can be reopenable");
      }
      return new ChannelCapabilities(this);
    }
  }
}
