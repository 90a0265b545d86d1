package dev.parley.channels.email;

import dev.parley.core.channel.OutboundMessage;
import dev.parley.core.channel.Outgoing;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Optional;
import java.util.UUID;

/**
 * Builds the MIME message for an outgoing message: plain UTF-8 text from the operator's address,
 * threaded under the client's message ({@code In-Reply-To} and {@code References}) with a fresh
 * {@code Message-ID} that receipts and the client's answer will name.
 */
final class MailComposer {
  private final InternetAddress from;
  private final String domain;
  private final String defaultSubject;

  MailComposer(InternetAddress from, String defaultSubject) {
    this.from = from;
    this.domain = from.getAddress().substring(from.getAddress().indexOf('@') + 1);
    this.defaultSubject = defaultSubject;
  }

  /** The message, or empty when the kind has no e-mail form (typing, templates). */
  Optional<MimeMessage> compose(Session session, Outgoing out) throws MessagingException {
    Optional<String> text = text(out.message());
    if (text.isEmpty()) {
      return Optional.empty();
    }
    String messageId = "<" + UUID.randomUUID() + "@" + domain + ">";
    MimeMessage m = new MimeMessage(session) {
      @Override
      protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", messageId);
      }
    };
    m.setFrom(from);
    m.setRecipient(Message.RecipientType.TO, new InternetAddress(out.to().identifier(), true));
    String subject = out.subject().orElse(out.message() instanceof OutboundMessage.Transcript
        ? "Transcript of your conversation" : defaultSubject);
    m.setSubject(subject, "UTF-8");
    if (out.replyTo().isPresent()) {
      m.setHeader("In-Reply-To", out.replyTo().get());
      m.setHeader("References", out.replyTo().get());
    }
    m.setText(text.get(), "UTF-8");
    m.saveChanges();
    return Optional.of(m);
  }

  private static Optional<String> text(OutboundMessage message) {
    if (message instanceof OutboundMessage.Text t) {
      return Optional.of(t.text());
    }
    if (message instanceof OutboundMessage.Transcript t) {
      return Optional.of(t.render());
    }
    if (message instanceof OutboundMessage.File f) {
      return Optional.of((f.caption().isEmpty() ? f.fileName() : f.caption()) + "\n" + f.url());
    }
    if (message instanceof OutboundMessage.Card c) {
      StringBuilder s = new StringBuilder(c.title());
      if (!c.subtitle().isEmpty()) {
        s.append('\n').append(c.subtitle());
      }
      c.buttons().stream().filter(b -> b.url() != null).forEach(b -> s.append('\n').append(b.title()).append(": ").append(b.url()));
      return Optional.of(s.toString());
    }
    return Optional.empty();
  }
}
