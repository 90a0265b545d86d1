package dev.parley.core.channel;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the engine sends a client. Which kinds a channel can carry is in {@link
 * ChannelCapabilities#outbound()}; an adapter answers any other with {@link
 * SendOutcome.Unsupported}.
 *
 * <p>Thread safety: every kind is immutable.
 */
public sealed interface OutboundMessage {
  /** This message's kind. */
  Kind kind();

  /** The kinds of outbound message. */
  enum Kind {
    /** {@link Text}. */
    TEXT,
    /** {@link File}. */
    FILE,
    /** {@link Card}. */
    CARD,
    /** {@link Template}. */
    TEMPLATE,
    /** {@link Typing}. */
    TYPING,
    /** {@link Transcript}. */
    TRANSCRIPT
  }

  /**
   * Plain text.
   *
   * @param text the text, not empty
   */
  record Text(String text) implements OutboundMessage {
    /** Checks the component. */
    public Text {
      Objects.requireNonNull(text, "text");
      if (text.isBlank()) {
        throw new IllegalArgumentException("a text message must not be blank");
      }
    }

    @Override
    public Kind kind() {
      return Kind.TEXT;
    }
  }

  /**
   * A file the vendor fetches from a public URL.
   *
   * @param url where the vendor gets the file
   * @param media what kind of file it is
   * @param fileName the name shown to the client
   * @param caption text shown with it, possibly empty
   */
  record File(URI url, MediaKind media, String fileName, String caption) implements OutboundMessage {
    /** Checks the components. */
    public File {
      Objects.requireNonNull(url, "url");
      if (!url.isAbsolute()) {
        throw new IllegalArgumentException("a file is sent by absolute URL, not " + url);
      }
      Objects.requireNonNull(media, "media");
      Objects.requireNonNull(fileName, "fileName");
      Objects.requireNonNull(caption, "caption");
    }

    @Override
    public Kind kind() {
      return Kind.FILE;
    }
  }

  /**
   * A hero card: a title, an optional subtitle and image, and buttons.
   *
   * @param title the title, not blank
   * @param subtitle the subtitle, possibly empty
   * @param imageUrl the picture, if any
   * @param buttons up to the channel's limit (WhatsApp: 3)
   */
  record Card(String title, String subtitle, @Nullable URI imageUrl, List<Button> buttons) implements OutboundMessage {
    /** Checks and copies the components. */
    public Card {
      Objects.requireNonNull(title, "title");
      if (title.isBlank()) {
        throw new IllegalArgumentException("a card's title must not be blank");
      }
      Objects.requireNonNull(subtitle, "subtitle");
      buttons = List.copyOf(buttons);
    }

    @Override
    public Kind kind() {
      return Kind.CARD;
    }
  }

  /**
   * A button on a card: opens {@code url} if given, else sends {@code payload} back as a postback.
   *
   * @param title the label
   * @param payload what comes back when pressed, when there is no URL
   * @param url the page to open, if this is a link button
   */
  record Button(String title, String payload, @Nullable URI url) {
    /** Checks the components. */
    public Button {
      Objects.requireNonNull(title, "title");
      if (title.isBlank()) {
        throw new IllegalArgumentException("a button's title must not be blank");
      }
      Objects.requireNonNull(payload, "payload");
    }
  }

  /**
   * A template the vendor approved beforehand (WhatsApp), the only thing that may be sent outside
   * the messaging window.
   *
   * @param name the template's name
   * @param language its language code, e.g. {@code en_US}
   * @param parameters the body's parameters, in order
   */
  record Template(String name, String language, List<String> parameters) implements OutboundMessage {
    /** Checks and copies the components. */
    public Template {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(language, "language");
      if (name.isBlank() || language.isBlank()) {
        throw new IllegalArgumentException("a template needs a name and a language");
      }
      parameters = List.copyOf(parameters);
    }

    @Override
    public Kind kind() {
      return Kind.TEMPLATE;
    }
  }

  /**
   * Shows or hides the operator's typing indicator.
   *
   * @param on whether the operator is typing
   */
  record Typing(boolean on) implements OutboundMessage {
    @Override
    public Kind kind() {
      return Kind.TYPING;
    }
  }

  /**
   * The conversation's transcript, sent at the end of a session.
   *
   * @param lines the messages in order
   */
  record Transcript(List<Line> lines) implements OutboundMessage {
    /** Checks and copies the component. */
    public Transcript {
      lines = List.copyOf(lines);
      if (lines.isEmpty()) {
        throw new IllegalArgumentException("a transcript has at least one line");
      }
    }

    @Override
    public Kind kind() {
      return Kind.TRANSCRIPT;
    }

    /** The transcript as plain text, one {@code [instant] author: text} line per message. */
    public String render() {
      StringBuilder s = new StringBuilder();
      for (Line line : lines) {
        s.append('[').append(line.at()).append("] ").append(line.author()).append(": ").append(line.text()).append('\n');
      }
      return s.toString();
    }

    /**
     * One message of a transcript.
     *
     * @param at when it was written
     * @param author who wrote it, as shown to the client
     * @param text what was written
     */
    public record Line(Instant at, String author, String text) {
      /** Checks the components. */
      public Line {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(text, "text");
      }
    }
  }
}
